data "aws_caller_identity" "me_t05" {}

resource "aws_kms_key" "app_t05" {
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "app_t05" {
  key_id = aws_kms_key.app_t05.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Enable IAM User Permissions"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.me_t05.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "AdminRole"
        Effect    = "Allow"
        Principal = { AWS = aws_iam_role.admin_t05.arn }
        Action    = "kms:*"
        Resource  = "*"
      }
    ]
  })
}
