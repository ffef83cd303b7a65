resource "aws_kms_key" "app_t06" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Anyone"
        Effect    = "Allow"
        Principal = { AWS = ["*"] }
        Action    = "kms:Decrypt"
        Resource  = "*"
      }
    ]
  })
}
