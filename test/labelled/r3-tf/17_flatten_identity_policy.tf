# Identity policy whose action lists are built with flatten() and concat().
variable "extra_actions" {
  type    = list(string)
  default = []
}

variable "key_arns" {
  type = list(string)
}

locals {
  read_actions = ["kms:DescribeKey", "kms:ListAliases"]
}

resource "aws_kms_key" "build" {
  description         = "build cache key"
  enable_key_rotation = true
}

resource "aws_iam_policy" "build" {
  name = "build-kms"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "ReadAndDecrypt"
        Effect   = "Allow"
        Action   = flatten([local.read_actions, ["kms:Decrypt"]])
        Resource = "*"
      },
      {
        Sid      = "FullOnBuildKey"
        Effect   = "Allow"
        Action   = concat(["kms:*"], var.extra_actions)
        Resource = [aws_kms_key.build.arn]
      },
      {
        Sid      = "DecryptListedKeys"
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = var.key_arns
      },
      {
        Sid      = "EverythingInRegion"
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
        Condition = {
          StringEquals = { "aws:RequestedRegion" = "eu-central-1" }
        }
      },
    ]
  })
}
