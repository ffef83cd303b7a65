resource "aws_vpc_endpoint" "kms_t18" {
  vpc_id            = "vpc-0123456789abcdef0"
  service_name      = "com.amazonaws.us-east-1.kms"
  vpc_endpoint_type = "Interface"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}

resource "aws_vpc_endpoint_policy" "kms_t18" {
  vpc_endpoint_id = aws_vpc_endpoint.kms_t18.id
  policy          = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt", "Resource": "*"}
  ]
}
EOF
}
