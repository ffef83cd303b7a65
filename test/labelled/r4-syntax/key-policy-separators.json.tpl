{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::${account_id}:root"}, "Action": "kms:*", "Resource": "*"}%{ if length(reader_arns) > 0 },%{ endif }
%{ for i, arn in reader_arns ~}
    {"Sid": "Reader${i}", "Effect": "Allow", "Principal": {"AWS": "${arn}"}, "Action": "kms:Decrypt", "Resource": "*"}${i < length(reader_arns) - 1 ? "," : ""}
%{ endfor ~}
  ]
}
