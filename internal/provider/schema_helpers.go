package provider

import (
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// Constructors for data source schemas. Every attribute an API response
// fills is computed and described; the names say the attribute's type so
// that they never collide with the mapping functions.

func computedString(desc string) schema.StringAttribute {
	return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
}

func computedInt64(desc string) schema.Int64Attribute {
	return schema.Int64Attribute{Computed: true, MarkdownDescription: desc}
}

func computedBool(desc string) schema.BoolAttribute {
	return schema.BoolAttribute{Computed: true, MarkdownDescription: desc}
}

func computedTimestamp(desc string) schema.StringAttribute {
	return schema.StringAttribute{
		Computed:   true,
		CustomType: timetypes.RFC3339Type{},
		MarkdownDescription: desc + " An RFC 3339 timestamp, kept as the API sent it (offset and fractional seconds included). " +
			"A value the API sends without an offset is read as UTC and gets a `Z` appended; a space or a lowercase `t`/`z` in place of `T`/`Z` is written as `T`/`Z`.",
	}
}

func computedStringList(desc string) schema.ListAttribute {
	return schema.ListAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: desc}
}

func computedObject(desc string, attrs map[string]schema.Attribute) schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{Computed: true, MarkdownDescription: desc, Attributes: attrs}
}

func computedObjectList(desc string, attrs map[string]schema.Attribute) schema.ListNestedAttribute {
	return schema.ListNestedAttribute{Computed: true, MarkdownDescription: desc, NestedObject: schema.NestedAttributeObject{Attributes: attrs}}
}

// computedLongObjectList is computedObjectList for a list that can hold
// thousands of objects: a list attribute of an object type. State holds the
// same values as with nested attributes, and the framework's work after
// every read is far less: for each null it finds the attribute's type in
// the object type, where nested attributes have it rebuild the schema's
// attribute maps (PERFORMANCE.md). A list of objects cannot describe
// its attributes, so desc must say where they are described.
func computedLongObjectList(desc string, attrs map[string]schema.Attribute) schema.ListAttribute {
	return schema.ListAttribute{Computed: true, ElementType: objectType(attrs), MarkdownDescription: desc}
}

// objectType is the type of an object with attrs.
func objectType(attrs map[string]schema.Attribute) basetypes.ObjectType {
	types := make(map[string]attr.Type, len(attrs))
	for name, a := range attrs {
		types[name] = a.GetType()
	}
	return basetypes.ObjectType{AttrTypes: types}
}

// requiredID is the argument that names the object to read.
func requiredID(desc string) schema.StringAttribute {
	return schema.StringAttribute{Required: true, MarkdownDescription: desc, Validators: []validator.String{idValidator{}}}
}

// idOrNameID is the id argument of a data source that reads one object by
// id or by name: optional, and after the read the id of the object read.
func idOrNameID(desc string) schema.StringAttribute {
	return schema.StringAttribute{Optional: true, Computed: true, MarkdownDescription: desc, Validators: []validator.String{idValidator{}}}
}

// withScope adds org_id and workspace_id, which every data source takes,
// to attrs. where completes "Organisation …", such as "the campaign belongs to".
func withScope(where string, attrs map[string]schema.Attribute) map[string]schema.Attribute {
	out := maps.Clone(attrs)
	out["org_id"] = schema.StringAttribute{
		Optional:            true,
		Computed:            true,
		MarkdownDescription: "Organisation " + where + ". Defaults to the provider's `org_id` (or `" + EnvOrgID + "`); after the read, the one used.",
		Validators:          []validator.String{idValidator{}},
	}
	out["workspace_id"] = schema.StringAttribute{
		Optional:            true,
		Computed:            true,
		MarkdownDescription: "Workspace " + where + ". Defaults to the provider's `workspace_id` (or `" + EnvWorkspaceID + "`); after the read, the one used.",
		Validators:          []validator.String{idValidator{}},
	}
	return out
}
