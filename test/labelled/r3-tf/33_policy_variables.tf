# IAM policy variables in condition values (escaped as $${...} inside jsonencode).
data "aws_caller_identity" "current" {}

resource "aws_kms_key" "tenant_data" {
  description         = "tenant data key"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EnableIAMUserPermissions"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "CallerOwnAccountRoles"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:Decrypt"]
        Resource  = "*"
        Condition = {
          ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::$${aws:PrincipalAccount}:*" }
        }
      },
      {
        Sid       = "SameAccountAsKey"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:Decrypt", "kms:Encrypt"]
        Resource  = "*"
        Condition = {
          StringEquals = { "kms:CallerAccount" = "$${aws:ResourceAccount}" }
        }
      },
      {
        Sid       = "SameOrgAsKey"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:GenerateDataKey"]
        Resource  = "*"
        Condition = {
          StringEquals = { "aws:PrincipalOrgID" = "$${aws:ResourceOrgID}" }
        }
      },
      {
        Sid       = "CallerOwnOrg"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:GenerateDataKey"]
        Resource  = "*"
        Condition = {
          StringLike = { "aws:PrincipalOrgID" = "$${aws:PrincipalOrgID}" }
        }
      },
    ]
  })
}
