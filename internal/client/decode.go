package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"unicode/utf8"
)

// decodeCampaign decodes a 200 body into a Campaign, refusing anything that is
// not a JSON object with the fields every campaign has.
func decodeCampaign(status int, body []byte) (*Campaign, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, &DecodeError{StatusCode: status, Reason: "the body is empty"}
	}
	if !utf8.Valid(trimmed) {
		return nil, &DecodeError{StatusCode: status, Reason: "the body is not valid UTF-8"}
	}
	if trimmed[0] != '{' {
		return nil, &DecodeError{StatusCode: status, Reason: fmt.Sprintf("want a JSON object, got %s", describeJSON(trimmed))}
	}
	var c Campaign
	if err := json.Unmarshal(trimmed, &c); err != nil {
		return nil, decodeError(status, trimmed, err)
	}
	for _, req := range []struct {
		path    string
		present bool
	}{
		{"campaign_id", c.CampaignID != nil},
		{"name", c.Name != nil},
		{"status", c.Status != nil},
		{"app_config", c.AppConfig != nil},
		{"allowed_schedule", c.AllowedSchedule != nil},
	} {
		if !req.present {
			return nil, &DecodeError{StatusCode: status, Path: req.path, Reason: "a required field is missing or null"}
		}
	}
	return &c, nil
}

func decodeError(status int, body []byte, err error) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	switch {
	case errors.As(err, &typeErr):
		return &DecodeError{StatusCode: status, Path: typeErr.Field, Reason: fmt.Sprintf("want %s, got a JSON %s", jsonTypeName(typeErr.Type), typeErr.Value)}
	case errors.As(err, &syntaxErr):
		return &DecodeError{StatusCode: status, Reason: fmt.Sprintf("invalid JSON at byte %d of %d: %v", syntaxErr.Offset, len(body), syntaxErr)}
	default:
		return &DecodeError{StatusCode: status, Reason: err.Error()}
	}
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
