package main

import (
	"slices"
	"testing"
)

func TestSilencedLogLevels(t *testing.T) {
	all := []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_SARVAM"}
	for _, tc := range []struct {
		name    string
		environ []string
		debug   bool
		want    []string
	}{
		{"no log variable", []string{"HOME=/root", "TF_CLI_ARGS=-no-color", "TF_IN_AUTOMATION=1"}, false, all},
		{"empty TF_LOG", []string{"TF_LOG="}, false, all},
		{"TF_LOG", []string{"TF_LOG=trace"}, false, nil},
		{"TF_LOG=off", []string{"TF_LOG=off"}, false, nil},
		{"TF_LOG_PROVIDER", []string{"TF_LOG_PROVIDER=DEBUG"}, false, nil},
		{"TF_LOG_CORE", []string{"TF_LOG_CORE=trace"}, false, nil},
		{"TF_LOG_PATH", []string{"TF_LOG_PATH=/tmp/tf.log"}, false, nil},
		{"TF_LOG_PROVIDER_SARVAM", []string{"TF_LOG_PROVIDER_SARVAM=trace"}, false, nil},
		{"TF_LOG_SDK_FRAMEWORK", []string{"TF_LOG_SDK_FRAMEWORK=debug"}, false, nil},
		{"TF_LOG_SDK_PROTO_DATA_DIR", []string{"TF_LOG_SDK_PROTO_DATA_DIR=/tmp/proto"}, false, nil},
		{"TF_ACC_LOG_PATH", []string{"TF_ACC_LOG_PATH=/tmp/acc.log"}, false, nil},
		{"TF_LOG_PATH_MASK", []string{"TF_LOG_PATH_MASK=/tmp/%s.log"}, false, nil},
		{"debugging", nil, true, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := silencedLogLevels(tc.environ, tc.debug); !slices.Equal(got, tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
		})
	}
}
