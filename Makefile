# Thin wrappers over the Maven wrapper and bin/blackwater, for people who expect `make`.
# Every target finds a JDK >= 21 itself (bin/find-java).

SHELL := /usr/bin/env bash
JAVA_HOME := $(shell bin/find-java)
export JAVA_HOME
MVNW := ./mvnw -B
JAR := blackwater-cli/target/blackwater.jar

.PHONY: help build test demo bench lint format security package clean plan-offline plan apply-plan deploy destroy tf-init tf-lock tf-lock-offline tf-env-check bootstrap rds-ca image image-push

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

build: ## compile and build the runnable jar, without tests
	$(MVNW) package -DskipTests

test: ## the full test suite with every quality gate (the README's test command)
	./mvnw verify

$(JAR):
	$(MVNW) package -DskipTests

demo: $(JAR) ## run the demo on embedded defaults
	bin/blackwater demo

bench: $(JAR) ## each stage's throughput beside the physical limit, at scales 10 and 100 (a few minutes)
	BLACKWATER_JAVA_OPTS=-Xmx256m bin/blackwater bench --scales 10,100

lint: ## formatting check (google-java-format via Spotless)
	$(MVNW) spotless:check

format: ## reformat the code
	$(MVNW) spotless:apply

security: ## SpotBugs with FindSecBugs, failing on high-priority findings
	$(MVNW) -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true verify

# The Lambda artifact carries DuckDB's native library for one CPU architecture: arm64, Terraform's
# default lambda_architecture. For x86_64 functions: make package LAMBDA_ARCH=x86_64 (and set
# lambda_architecture = "x86_64" in terraform/environments/$(ENV).tfvars).
LAMBDA_ARCH ?= arm64

package: ## build the runnable jar and the Lambda artifact (blackwater-aws/target/blackwater-lambda.jar)
	$(MVNW) package -DskipTests -Dlambda.arch=$(LAMBDA_ARCH)

clean: ## remove build outputs
	$(MVNW) clean

# --- AWS (terraform/, see docs/aws.md) ---
TF := terraform -chdir=terraform
TF_BOOTSTRAP := terraform -chdir=terraform/bootstrap
# One committed configuration per environment, the same for CI and for a local deploy:
# terraform/environments/$(ENV).tfvars (every setting) and $(ENV).s3.tfbackend (where its state is).
ENV ?= production
TF_VARS = -var-file=environments/$(ENV).tfvars -var container_image_tag=$(IMAGE_TAG)
TF_BACKEND = -backend-config=environments/$(ENV).s3.tfbackend
# The Fargate image is tagged with the commit it is built from (the repository's tags are immutable).
IMAGE_TAG ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
# Platforms whose provider checksums terraform/.terraform.lock.hcl records (make tf-lock).
TF_LOCK_PLATFORMS := -platform=linux_amd64 -platform=linux_arm64 -platform=darwin_amd64 -platform=darwin_arm64
# terraform init: from an offline provider mirror (the folder holding registry.terraform.io/):
# TF_PLUGIN_DIR when set (make plan-offline TF_PLUGIN_DIR=/opt/terraform-providers), otherwise the
# first such folder found on the machine; with neither, from the registry.
TF_PLUGIN_DIR ?=
define tf_mirror
mirror="$(TF_PLUGIN_DIR)"; \
if [ -n "$$mirror" ]; then \
  if [ ! -d "$$mirror/registry.terraform.io" ]; then \
    echo "TF_PLUGIN_DIR=$$mirror holds no registry.terraform.io/ folder (a provider mirror)" >&2; exit 1; \
  fi; \
else \
  found=$$(find / -type d -name registry.terraform.io -not -path '*/.terraform/*' -not -path '*/.terraform-offline/*' 2>/dev/null | head -n 1); \
  if [ -n "$$found" ]; then mirror=$$(dirname "$$found"); fi; \
fi; \
if [ -n "$$mirror" ]; then mirror=$$(cd "$$mirror" && pwd); fi
endef

# Offline plans never touch the S3 backend: terraform/ is initialised into its own data directory
# (.terraform-offline) with a local backend from an override file that lives only while the plan
# runs (tf-env-check refuses to plan or apply for real while it exists).
OFFLINE_OVERRIDE := terraform/offline_backend_override.tf
TF_OFFLINE := TF_DATA_DIR=.terraform-offline terraform -chdir=terraform
OFFLINE_AWS := AWS_ACCESS_KEY_ID=dummy AWS_SECRET_ACCESS_KEY=dummy AWS_SESSION_TOKEN= AWS_PROFILE= \
  AWS_REGION=eu-west-2 AWS_EC2_METADATA_DISABLED=true

tf-init:
	@$(tf_mirror); \
	plugins=$${mirror:+-plugin-dir=$$mirror}; \
	if [ -n "$$mirror" ]; then echo "terraform init from the provider mirror $$mirror"; fi; \
	$(TF_OFFLINE) init -reconfigure -input=false $$plugins >/dev/null && \
	$(TF_BOOTSTRAP) init -backend=false -input=false $$plugins >/dev/null

plan-offline: ## validate and plan terraform/ and terraform/bootstrap without AWS (dummy credentials), as JSON in plan.json beside each
	@trap 'rm -f $(OFFLINE_OVERRIDE)' EXIT; \
	printf 'terraform {\n  backend "local" {\n    path = "offline.tfstate"\n  }\n}\n' > $(OFFLINE_OVERRIDE); \
	$(MAKE) --no-print-directory tf-init && \
	$(TF_OFFLINE) validate && $(TF_BOOTSTRAP) validate && \
	$(OFFLINE_AWS) $(TF_OFFLINE) plan -refresh=false -input=false -lock=false -var-file=offline.tfvars -out=plan.bin >/dev/null && \
	$(TF_OFFLINE) show -json plan.bin > terraform/plan.json && \
	$(OFFLINE_AWS) $(TF_BOOTSTRAP) plan -refresh=false -input=false -lock=false -var-file=offline.tfvars -out=plan.bin >/dev/null && \
	$(TF_BOOTSTRAP) show -json plan.bin > terraform/bootstrap/plan.json && \
	echo "wrote terraform/plan.json and terraform/bootstrap/plan.json"

tf-lock: ## record the AWS provider's checksums for linux and mac (amd64, arm64) in both lock files (needs the Terraform registry)
	for dir in terraform terraform/bootstrap; do \
	  terraform -chdir=$$dir init -backend=false -input=false >/dev/null && \
	  terraform -chdir=$$dir providers lock $(TF_LOCK_PLATFORMS) || exit 1; \
	done

tf-lock-offline: ## the same from the provider mirror, for the platforms it holds
	@$(tf_mirror); \
	if [ -z "$$mirror" ]; then echo "no provider mirror found: use make tf-lock" >&2; exit 1; fi; \
	platforms=$$(cd "$$mirror/registry.terraform.io/hashicorp/aws" && ls -d */*/ | cut -d/ -f2 | sort -u | sed 's/^/-platform=/'); \
	for dir in terraform terraform/bootstrap; do \
	  terraform -chdir=$$dir init -backend=false -input=false -plugin-dir="$$mirror" >/dev/null && \
	  terraform -chdir=$$dir providers lock -fs-mirror="$$mirror" $$platforms || exit 1; \
	done

tf-env-check:
	@if [ ! -f terraform/environments/$(ENV).tfvars ] || [ ! -f terraform/environments/$(ENV).s3.tfbackend ]; then \
	  echo "no environment $(ENV): terraform/environments/$(ENV).tfvars and $(ENV).s3.tfbackend are needed (docs/aws.md)" >&2; exit 3; fi
	@if [ -f $(OFFLINE_OVERRIDE) ]; then \
	  echo "$(OFFLINE_OVERRIDE) is left from an interrupted make plan-offline: delete it" >&2; exit 3; fi
	@if [ -f terraform/terraform.tfvars ]; then \
	  echo "terraform/terraform.tfvars would add settings that CI does not have: move them into terraform/environments/$(ENV).tfvars" >&2; exit 3; fi
	@if grep -n 'REPLACE_ME' terraform/environments/$(ENV).tfvars terraform/environments/$(ENV).s3.tfbackend >&2; then \
	  echo "terraform/environments/$(ENV): fill in the REPLACE_ME values above (docs/aws.md, First deployment)" >&2; exit 3; fi

bootstrap: ## once per account, as an administrator: state bucket, image repository, GitHub roles (terraform/bootstrap/bootstrap.tfvars)
	$(TF_BOOTSTRAP) init -input=false
	$(TF_BOOTSTRAP) apply -input=false -var-file=bootstrap.tfvars

plan: tf-env-check ## plan ENV (default production) against the real account into terraform/plan.bin, readable in terraform/plan.txt
	$(TF) init -reconfigure -input=false $(TF_BACKEND)
	$(TF) plan -input=false $(TF_VARS) -out=plan.bin
	$(TF) show -no-color plan.bin > terraform/plan.txt

apply-plan: tf-env-check ## apply exactly terraform/plan.bin (what make plan wrote, or the reviewed plan CI hands over)
	$(TF) init -reconfigure -input=false $(TF_BACKEND)
	$(TF) apply -input=false plan.bin

rds-ca: ## download the RDS CA bundle the functions and the task verify the databases with (blackwater-aws/src/lambda/ca/)
	.ci/rds-ca blackwater-aws/src/lambda/ca/rds-global-bundle.pem

image: ## the Fargate task's image (blackwater:$(IMAGE_TAG)): the CLI jar and the RDS CA bundle (make package rds-ca first)
	docker build --platform linux/$(subst x86_64,amd64,$(LAMBDA_ARCH)) -t blackwater:$(IMAGE_TAG) .

image-push: image ## push the image to the repository terraform/bootstrap made (AWS credentials needed)
	.ci/push-image blackwater:$(IMAGE_TAG) terraform/environments/$(ENV).tfvars

deploy: tf-env-check rds-ca package image-push plan ## build, push, plan and apply ENV from this machine (asks before applying)
	@read -r -p "Apply terraform/plan.bin (see terraform/plan.txt)? [y/N] " answer; [ "$$answer" = y ]
	$(MAKE) apply-plan ENV=$(ENV)

destroy: tf-env-check ## remove everything terraform/ created (the lake buckets need the break-glass role, see docs/aws.md)
	$(TF) init -reconfigure -input=false $(TF_BACKEND)
	$(TF) destroy -input=false $(TF_VARS)
