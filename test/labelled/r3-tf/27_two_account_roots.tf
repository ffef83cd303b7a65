# Two accounts' roots both get kms:* without conditions: neither is assumed to be the own account.
resource "aws_kms_key" "cross_account" {
  description         = "key shared between two accounts"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountA"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "AccountB"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::444455556666:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "AccountBUsers"
        Effect    = "Allow"
        Principal = { AWS = "444455556666" }
        Action    = ["kms:Decrypt", "kms:DescribeKey"]
        Resource  = "*"
      },
    ]
  })
}
