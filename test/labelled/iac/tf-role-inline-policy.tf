resource "aws_iam_role" "worker_t24" {
  name = "worker"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["sts:AssumeRole", "kms:*"]
    }]
  })
  inline_policy {
    name = "decrypt-everything"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "*"
      }]
    })
  }
}
