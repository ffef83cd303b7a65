# Keys and role policies repeated with count and for_each.
data "aws_caller_identity" "current" {}

variable "tenants" {
  type    = list(string)
  default = ["acme", "globex"]
}

variable "role_names" {
  type    = set(string)
  default = ["reporting", "billing"]
}

variable "vpce_ids" {
  type = map(string)
}

resource "aws_kms_key" "tenant" {
  count       = length(var.tenants)
  description = "tenant key for ${var.tenants[count.index]}"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EnableIAMUserPermissions"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "TenantRole"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:role/tenant-${var.tenants[count.index]}" }
        Action    = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"]
        Resource  = "*"
      },
    ]
  })
}

resource "aws_kms_key" "per_env" {
  for_each            = toset(["dev", "prod"])
  description         = "${each.key} key"
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "EnableIAMUserPermissions"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "ThroughTheEnvironmentEndpoint"
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["kms:Decrypt", "kms:Encrypt"]
        Resource  = "*"
        Condition = {
          StringEquals = { "aws:SourceVpce" = var.vpce_ids[each.key] }
        }
      },
    ]
  })
}

resource "aws_iam_role_policy" "decrypt" {
  for_each = var.role_names
  name     = "${each.key}-decrypt"
  role     = each.key
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "*"
      },
    ]
  })
}
