# Private KMS: keys for tenants, policies managed separately with aws_kms_key_policy,
# KMS reachable only through the interface endpoint.

variable "tenants" {
  type    = list(string)
  default = ["acme", "globex"]
}

variable "vpc_id" {
  type = string
}

variable "endpoint_subnet_ids" {
  type = list(string)
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}

resource "aws_kms_key" "platform" {
  description         = "Platform shared key"
  enable_key_rotation = true
}

resource "aws_kms_key_policy" "platform" {
  key_id = aws_kms_key.platform.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "RootAccount"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = "*"
        Resource  = "*"
      },
      {
        Sid       = "AllowAttachmentByAwsServices"
        Effect    = "Allow"
        Principal = "*"
        Action    = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"]
        Resource  = "*"
        Condition = {
          Bool = { "kms:GrantIsForAWSResource" = "true" }
        }
      },
      {
        Sid       = "AllowUseFromTheEndpoint"
        Effect    = "Allow"
        Principal = "*"
        Action    = ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = "*"
        Condition = {
          StringEquals = {
            "aws:SourceVpce"       = aws_vpc_endpoint.kms.id
            "aws:PrincipalAccount" = data.aws_caller_identity.current.account_id
          }
        }
      },
    ]
  })
}

resource "aws_kms_key" "tenant" {
  count       = length(var.tenants)
  description = "Tenant key for ${var.tenants[count.index]}"
  tags = {
    Tenant = var.tenants[count.index]
  }
}

resource "aws_vpc_endpoint" "kms" {
  vpc_id              = var.vpc_id
  service_name        = "com.amazonaws.${data.aws_region.current.name}.kms"
  vpc_endpoint_type   = "Interface"
  subnet_ids          = var.endpoint_subnet_ids
  private_dns_enabled = true
}

resource "aws_vpc_endpoint_policy" "kms" {
  vpc_endpoint_id = aws_vpc_endpoint.kms.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "kms:*"
        Resource  = "*"
      },
    ]
  })
}
