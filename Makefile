# Thin wrappers over the Maven wrapper and bin/blackwater, for people who expect `make`.
# Every target finds a JDK >= 21 itself (bin/find-java).

SHELL := /usr/bin/env bash
JAVA_HOME := $(shell bin/find-java)
export JAVA_HOME
MVNW := ./mvnw -B
JAR := blackwater-cli/target/blackwater.jar

.PHONY: help build test demo lint format security package clean

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

lint: ## formatting check (google-java-format via Spotless)
	$(MVNW) spotless:check

format: ## reformat the code
	$(MVNW) spotless:apply

security: ## SpotBugs with FindSecBugs, failing on high-priority findings
	$(MVNW) -DskipTests -Dspotless.check.skip=true -Djacoco.skip=true verify

package: ## build the runnable jar and the Lambda artifact
	$(MVNW) package -DskipTests

clean: ## remove build outputs
	$(MVNW) clean
