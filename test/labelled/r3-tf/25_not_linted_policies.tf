# Policies these rules never lint: VPC endpoint policies, S3 bucket policies, trust policies.
variable "vpc_id" {
  type = string
}

resource "aws_vpc_endpoint" "kms" {
  vpc_id            = var.vpc_id
  service_name      = "com.amazonaws.us-east-1.kms"
  vpc_endpoint_type = "Interface"

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

resource "aws_vpc_endpoint" "s3" {
  vpc_id       = var.vpc_id
  service_name = "com.amazonaws.us-east-1.s3"
}

resource "aws_vpc_endpoint_policy" "s3" {
  vpc_endpoint_id = aws_vpc_endpoint.s3.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = ["s3:*", "kms:Decrypt"]
        Resource  = "*"
      },
    ]
  })
}

resource "aws_s3_bucket" "uploads" {
  bucket = "uploads-example-111122223333"
}

resource "aws_s3_bucket_policy" "uploads" {
  bucket = aws_s3_bucket.uploads.id
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "PublicRead",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "${aws_s3_bucket.uploads.arn}/*"
    }
  ]
}
EOF
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}

resource "aws_iam_role" "open_trust" {
  name               = "open-trust"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_kms_key" "uploads" {
  description         = "uploads key"
  enable_key_rotation = true
}
