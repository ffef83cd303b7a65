# aws_iam_role with inline_policy blocks and a trust policy (the trust policy is never linted).
resource "aws_iam_role" "etl" {
  name = "etl"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "sts:AssumeRole"
      Condition = {
        StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" }
      }
    }]
  })

  inline_policy {
    name = "etl-decrypt"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Effect   = "Allow"
          Action   = ["kms:Decrypt", "kms:DescribeKey"]
          Resource = ["arn:aws:kms:us-east-1:*:key/*"]
        },
      ]
    })
  }

  inline_policy {
    name = "etl-admin"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Effect   = "Allow"
          Action   = "*"
          Resource = "*"
        },
      ]
    })
  }

  inline_policy {
    name = "etl-own-keys"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [
        {
          Effect   = "Allow"
          Action   = ["kms:Decrypt", "kms:Encrypt"]
          Resource = ["arn:aws:kms:us-east-1:111122223333:key/*"]
        },
      ]
    })
  }
}
