package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sarvamai/terraform-provider-sarvam/internal/text"
)

// requiredField is a field a decoded object must have, and whether it does.
type requiredField struct {
	path    string
	present bool
}

// decodeObject decodes a 200 body into a T, refusing anything that is not a
// JSON object with every field required reports present. Paths in its errors
// start with prefix, which names where the object sits in a larger response
// (for example "items[3]"), or is empty for a whole body.
func decodeObject[T any](status int, body []byte, prefix string, required func(*T) []requiredField) (*T, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 && status == http.StatusNoContent {
		return nil, &DecodeError{StatusCode: status, Path: prefix, Reason: "the API answered 204 No Content, an empty answer where a JSON object was expected"}
	}
	if len(trimmed) == 0 {
		return nil, &DecodeError{StatusCode: status, Path: prefix, Reason: "the body is empty"}
	}
	if !utf8.Valid(trimmed) {
		return nil, &DecodeError{StatusCode: status, Path: prefix, Reason: "the body is not valid UTF-8"}
	}
	if trimmed[0] != '{' {
		return nil, &DecodeError{StatusCode: status, Path: prefix, Reason: fmt.Sprintf("want a JSON object, got %s", describeJSON(trimmed))}
	}
	var v T
	if err := json.Unmarshal(trimmed, &v); err != nil {
		return nil, decodeError(status, trimmed, prefix, err)
	}
	if required != nil {
		for _, req := range required(&v) {
			if !req.present {
				return nil, &DecodeError{StatusCode: status, Path: joinPath(prefix, req.path), Reason: "a required field is missing or null"}
			}
		}
	}
	if a, ok := any(&v).(afterDecoder); ok {
		if path, reason := a.afterDecode(); reason != "" {
			return nil, &DecodeError{StatusCode: status, Path: joinPath(prefix, path), Reason: reason}
		}
	}
	return &v, nil
}

// afterDecoder is a decoded type with checks of its own beyond required
// fields. A non-empty reason refuses the object.
type afterDecoder interface {
	afterDecode() (path, reason string)
}

// joinPath appends a field path to a prefix with a dot.
func joinPath(prefix, path string) string {
	switch {
	case prefix == "":
		return path
	case path == "":
		return prefix
	default:
		return prefix + "." + path
	}
}

// apiPath drops from an encoding/json field path the Go names of embedded
// structs (Campaign embeds CampaignSummary), leaving the API's own field
// names, which are all lower case.
func apiPath(field string) string {
	parts := strings.Split(field, ".")
	kept := parts[:0]
	for _, p := range parts {
		if p != "" && !unicode.IsUpper(rune(p[0])) {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, ".")
}

func decodeError(status int, body []byte, prefix string, err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		return &DecodeError{StatusCode: status, Path: joinPath(prefix, apiPath(typeErr.Field)), Reason: typeReason(typeErr)}
	case errors.As(err, &syntaxErr):
		return &DecodeError{StatusCode: status, Path: prefix, Reason: fmt.Sprintf("invalid JSON at byte %d of %d: %v", syntaxErr.Offset, len(body), syntaxErr)}
	default:
		return &DecodeError{StatusCode: status, Path: prefix, Reason: err.Error()}
	}
}

// typeReason says why a value did not decode into its field: the wrong
// kind of JSON, or a number out of the field's range, which is quoted no
// longer than 32 bytes.
func typeReason(e *json.UnmarshalTypeError) string {
	want := jsonTypeName(e.Type)
	number, isNumber := strings.CutPrefix(e.Value, "number ")
	if !isNumber {
		return fmt.Sprintf("want %s, got a JSON %s", want, e.Value)
	}
	quoted := text.Truncate(number, 32)
	t := e.Type
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Float32, reflect.Float64:
		// Any JSON number decodes into a float but one out of its range.
		return fmt.Sprintf("want %s, got the JSON number %s, which is out of range for a 64-bit floating-point number", want, quoted)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if !strings.ContainsAny(number, ".eE") {
			return fmt.Sprintf("want %s, got the JSON number %s, which is out of range for a 64-bit integer", want, quoted)
		}
	}
	return fmt.Sprintf("want %s, got a JSON number %s", want, quoted)
}

// jsonTypeName names the JSON a Go type decodes from.
func jsonTypeName(t reflect.Type) string {
	if t == reflect.TypeFor[IntegerList]() {
		return "an integer or a list of integers"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Struct, reflect.Map:
		return "an object"
	default:
		return t.String()
	}
}
