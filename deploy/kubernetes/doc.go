// Package kubernetes holds codexec's Kubernetes manifests (the YAML files
// beside this one) and, in its test, their checks: every document decodes
// strictly into the Kubernetes API types, and the DaemonSet, its
// configuration and the example agent pod agree with one another and with
// the project (image tag, socket path, probes, configuration decoder,
// shutdown time). It is a module of its own so that the main module does
// not depend on the Kubernetes API packages.
package kubernetes
