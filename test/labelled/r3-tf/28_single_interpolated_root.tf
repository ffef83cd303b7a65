# The only root granted kms:* comes from a variable, so it is the own account's root.
variable "account_id" {
  type = string
}

locals {
  account_id = var.account_id
}

resource "aws_kms_key" "payments" {
  description         = "payments key"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EnableIAMUserPermissions"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${local.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "PaymentsService"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${local.account_id}:role/payments" }
        Action    = "*"
        Resource  = "*"
      },
      {
        Sid       = "PartnerAccountUse"
        Effect    = "Allow"
        Principal = { AWS = "444455556666" }
        Action    = ["kms:Encrypt", "kms:Decrypt"]
        Resource  = "*"
      },
    ]
  })
}
