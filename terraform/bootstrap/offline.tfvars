# Values for `make plan-offline`: the bootstrap planned without AWS. Nothing here is real.
offline_plan      = true
account_id        = "123456789012"
region            = "eu-west-2"
github_repository = "blackwater-dev/blackwater"
