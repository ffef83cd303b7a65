variable "service_name" {
  type    = string
  default = "invoices"
}

variable "enable_key_rotation" {
  type    = bool
  default = true
}

data "aws_caller_identity" "current" {}

data "aws_iam_policy_document" "assume_lambda" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "worker" {
  name               = "${var.service_name}-worker"
  assume_role_policy = data.aws_iam_policy_document.assume_lambda.json
}

resource "aws_kms_key" "invoices" {
  description         = "Invoice PDFs"
  enable_key_rotation = var.enable_key_rotation
}

# Generic "read configuration" policy copied from another service.
resource "aws_iam_policy" "read_config" {
  name        = "${var.service_name}-read-config"
  description = "Read SSM parameters and decrypt SecureString values"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadParameters"
        Effect   = "Allow"
        Action   = ["ssm:GetParameter", "ssm:GetParameters"]
        Resource = "arn:aws:ssm:*:${data.aws_caller_identity.current.account_id}:parameter/${var.service_name}/*"
      },
      {
        Sid      = "DecryptParameters"
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "read_config" {
  role       = aws_iam_role.worker.name
  policy_arn = aws_iam_policy.read_config.arn
}

data "aws_iam_policy_document" "worker_kms" {
  statement {
    sid       = "InvoiceKey"
    actions   = ["kms:*"]
    resources = [aws_kms_key.invoices.arn]
  }

  statement {
    sid       = "ListKeys"
    actions   = ["kms:ListKeys", "kms:ListAliases"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "worker_kms" {
  name   = "invoice-key"
  role   = aws_iam_role.worker.id
  policy = data.aws_iam_policy_document.worker_kms.json
}
