# This document feeds only an S3 bucket policy, which is never linted.
data "aws_iam_policy_document" "bucket_t17" {
  statement {
    actions   = ["s3:GetObject", "kms:Decrypt"]
    resources = ["arn:aws:s3:::my-bucket/*", "*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
  }
}

resource "aws_s3_bucket_policy" "b_t17" {
  bucket = "my-bucket"
  policy = data.aws_iam_policy_document.bucket_t17.json
}
