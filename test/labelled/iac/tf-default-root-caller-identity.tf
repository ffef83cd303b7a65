data "aws_caller_identity" "current_t01" {}

resource "aws_kms_key" "app_t01" {
  description         = "default key policy, own account from data.aws_caller_identity"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Enable IAM User Permissions"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current_t01.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      }
    ]
  })
}
