# Group policy as heredoc JSON with variables for key ARNs.
variable "key_arn" {
  type = string
}

resource "aws_iam_group" "dba" {
  name = "dba"
}

resource "aws_iam_group_policy" "dba" {
  name   = "dba-kms"
  group  = aws_iam_group.dba.name
  policy = <<-EOF
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "UseDatabaseKey",
          "Effect": "Allow",
          "Action": ["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey*"],
          "Resource": "${var.key_arn}"
        },
        {
          "Sid": "ManageDatabaseKey",
          "Effect": "Allow",
          "Action": ["kms:DescribeKey", "kms:*"],
          "Resource": "${var.key_arn}"
        },
        {
          "Sid": "ListEverything",
          "Effect": "Allow",
          "Action": "kms:List*",
          "Resource": "*"
        }
      ]
    }
  EOF
}
