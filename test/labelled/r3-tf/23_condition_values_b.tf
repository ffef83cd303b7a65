# Wildcard principals and condition values: org ids, ARNs, tags, Null, ForAllValues, userid.
variable "org_ids" {
  type = list(string)
}

data "aws_iam_policy_document" "conditions_b" {
  statement {
    sid       = "EnableIAMUserPermissions"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }

  statement {
    sid       = "OrgPathPinned"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "ForAnyValue:StringLike"
      variable = "aws:PrincipalOrgPaths"
      values   = ["o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*"]
    }
  }

  statement {
    sid       = "CiRoleGlobInOwnAccount"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:iam::111122223333:role/ci-*"]
    }
  }

  statement {
    sid       = "AnyEndpoint"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringLike"
      variable = "aws:SourceVpce"
      values   = ["vpce-*"]
    }
  }

  statement {
    sid       = "CallerOwnAccountVariable"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalAccount"
      values   = ["&{aws:PrincipalAccount}"]
    }
  }

  statement {
    sid       = "PrincipalArnPresent"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "Null"
      variable = "aws:PrincipalArn"
      values   = ["false"]
    }
  }

  statement {
    sid       = "ForAllValuesOrg"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "ForAllValues:StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-a1b2c3d4e5"]
    }
  }

  statement {
    sid       = "UserNameAndTeamTag"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:username"
      values   = ["alice"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalTag/team"
      values   = ["data"]
    }
  }

  statement {
    sid       = "FromOneBucket"
    actions   = ["kms:GenerateDataKey"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:aws:s3:::media-uploads-prod/*"]
    }
  }

  statement {
    sid       = "AnyRoleSession"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringLike"
      variable = "aws:userid"
      values   = ["AROA*"]
    }
  }

  statement {
    sid       = "OneRoleAnySession"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringLike"
      variable = "aws:userid"
      values   = ["AROAEXAMPLEROLEID1234:*"]
    }
  }

  statement {
    sid       = "OrgFromVariable"
    actions   = ["kms:Decrypt"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = var.org_ids
    }
  }
}

resource "aws_kms_key" "conditions_b" {
  description         = "condition value tests B"
  enable_key_rotation = true
  policy              = data.aws_iam_policy_document.conditions_b.json
}
