data "aws_caller_identity" "current_t21" {}

variable "region_t21" {
  type = string
}

resource "aws_iam_role_policy" "decrypt_t21" {
  name = "decrypt-own-keys"
  role = "app-role"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:ReEncryptFrom"]
        Resource = "arn:aws:kms:${var.region_t21}:${data.aws_caller_identity.current_t21.account_id}:key/*"
      }
    ]
  })
}
