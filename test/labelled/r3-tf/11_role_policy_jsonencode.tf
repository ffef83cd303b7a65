# Identity policy on a role: decrypt on every key.
resource "aws_iam_role" "worker" {
  name = "worker"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ec2.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "worker_kms" {
  name = "worker-kms"
  role = aws_iam_role.worker.id

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "DecryptEverything"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = "*"
      },
      {
        Sid      = "EncryptAnywhere"
        Effect   = "Allow"
        Action   = ["kms:Encrypt", "kms:DescribeKey"]
        Resource = "*"
      },
      {
        Sid      = "ListKeys"
        Effect   = "Allow"
        Action   = ["kms:ListKeys", "kms:ListAliases"]
        Resource = "*"
      },
    ]
  })
}
