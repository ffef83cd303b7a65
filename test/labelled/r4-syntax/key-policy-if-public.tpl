{
  "Version": "2012-10-17",
  "Statement": [
    {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::${account_id}:root"}, "Action": "kms:*", "Resource": "*"},
%{ if allow_public ~}
    {"Sid": "MaybePublic", "Effect": "Allow", "Principal": "*", "Action": ["kms:Decrypt", "kms:GenerateDataKey"], "Resource": "*"},
%{ endif ~}
    {"Sid": "App", "Effect": "Allow", "Principal": {"AWS": "${app_role_arn}"}, "Action": "kms:Decrypt", "Resource": "*"}
  ]
}
