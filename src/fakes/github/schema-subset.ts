import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type IntrospectionField,
  type IntrospectionQuery,
  type IntrospectionSchema,
  type IntrospectionType,
  type IntrospectionTypeRef,
  type SelectionSetNode,
  type TypeNode,
} from 'graphql';

/**
 * What the build writes to dist/github-schema.json (scripts/github-schema.mjs): the roots and
 * directives of GitHub's published schema's introspection result, and each of its types as JSON
 * text of its own, by name.
 */
export interface PrebuiltSchema extends Omit<IntrospectionSchema, 'types' | 'description'> {
  readonly types: Readonly<Record<string, string>>;
}

/** GitHub's published schema; a type is parsed when first asked for (a document reaches a few hundred of 1,600). */
export class PublishedSchema {
  private readonly parsed = new Map<string, IntrospectionType>();

  constructor(readonly prebuilt: PrebuiltSchema) {}

  type(name: string): IntrospectionType | undefined {
    let type = this.parsed.get(name);
    if (!type && Object.hasOwn(this.prebuilt.types, name)) {
      // The build's own output, from GitHub's published introspection result: trusted as it is.
      type = JSON.parse(this.prebuilt.types[name]!) as IntrospectionType;
      this.parsed.set(name, type);
    }
    return type;
  }

  /** All of it, as one introspection result: what an introspection query is answered from. */
  whole(): IntrospectionQuery {
    const { types, ...roots } = this.prebuilt;
    return { __schema: { ...roots, types: Object.keys(types).map((name) => this.type(name)!) } };
  }
}

const namedTypeOf = (ref: IntrospectionTypeRef): string =>
  ref.kind === 'LIST' || ref.kind === 'NON_NULL' ? namedTypeOf(ref.ofType) : ref.name;

const namedTypeOfNode = (node: TypeNode): string => (node.kind === Kind.NAMED_TYPE ? node.name.value : namedTypeOfNode(node.type));

const hasFields = (t: IntrospectionType): t is Extract<IntrospectionType, { kind: 'OBJECT' | 'INTERFACE' }> =>
  t.kind === 'OBJECT' || t.kind === 'INTERFACE';

/**
 * The part of the published schema a document can touch, as an introspection result: every type
 * it names; every field it selects, on the type it is selected on and on each object type it may
 * run as; those fields' arguments and their input types whole; the types an interface or union
 * may be; every directive. Building a schema from this and validating or executing the document
 * against it answers as the whole schema does, because it is the whole schema less what the
 * document does not mention: a field or type GitHub lacks is lacking here too. Only the "did you
 * mean" suggestions of an error can differ. Null when the document asks for the schema itself
 * (`__schema`, `__type`): that answer needs all of it.
 */
export function reachableSubset(published: PublishedSchema, document: DocumentNode): IntrospectionQuery | null {
  const root = published.prebuilt;
  const included = new Set<string>();
  const reached = new Set<string>();
  const selected = new Map<string, Set<string>>();
  const walked = new Map<SelectionSetNode, Set<string>>();
  const fieldMaps = new Map<string, ReadonlyMap<string, IntrospectionField>>();
  const fragments = new Map<string, FragmentDefinitionNode>();
  let wantsWholeSchema = false;

  /** The type, its interfaces and, for an input object, its fields' types: what any mention of it needs. */
  const include = (name: string): boolean => {
    const type = published.type(name);
    if (!type) return false;
    if (included.has(name)) return true;
    included.add(name);
    if (type.kind === 'OBJECT' || type.kind === 'INTERFACE') for (const i of type.interfaces ?? []) include(i.name);
    if (type.kind === 'INPUT_OBJECT') for (const f of type.inputFields) include(namedTypeOf(f.type));
    return true;
  };
  /** What a type that values are checked or resolved against needs too: every type it may be. */
  const reach = (name: string): boolean => {
    if (!include(name)) return false;
    if (reached.has(name)) return true;
    reached.add(name);
    const type = published.type(name)!;
    if (type.kind === 'INTERFACE' || type.kind === 'UNION') for (const p of type.possibleTypes ?? []) include(p.name);
    return true;
  };
  const fieldOf = (typeName: string, fieldName: string): IntrospectionField | undefined => {
    const type = published.type(typeName);
    if (!type || !hasFields(type)) return undefined;
    let fields = fieldMaps.get(typeName);
    if (!fields) fieldMaps.set(typeName, (fields = new Map(type.fields.map((f) => [f.name, f]))));
    return fields.get(fieldName);
  };
  const select = (typeName: string, fieldName: string): IntrospectionField | undefined => {
    const field = fieldOf(typeName, fieldName);
    if (!field) return undefined;
    let names = selected.get(typeName);
    if (!names) selected.set(typeName, (names = new Set()));
    names.add(fieldName);
    for (const arg of field.args) include(namedTypeOf(arg.type));
    reach(namedTypeOf(field.type));
    return field;
  };
  /** The object types a value of this type may be at run time, where its fields are looked up. */
  const runtimeTypes = (typeName: string): readonly string[] => {
    const type = published.type(typeName);
    return type?.kind === 'INTERFACE' || type?.kind === 'UNION' ? (type.possibleTypes ?? []).map((p) => p.name) : [];
  };

  const walk = (selectionSet: SelectionSetNode, typeName: string): void => {
    if (!reach(typeName)) return;
    let seen = walked.get(selectionSet);
    if (!seen) walked.set(selectionSet, (seen = new Set()));
    if (seen.has(typeName)) return;
    seen.add(typeName);
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name === '__schema' || name === '__type') wantsWholeSchema = true;
        if (name.startsWith('__')) continue;
        const field = select(typeName, name);
        if (!field) continue; // not GitHub's: left out, so validation refuses it
        if (selection.selectionSet) walk(selection.selectionSet, namedTypeOf(field.type));
        for (const runtime of runtimeTypes(typeName)) {
          const own = select(runtime, name);
          if (own && selection.selectionSet) walk(selection.selectionSet, namedTypeOf(own.type));
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, selection.typeCondition?.name.value ?? typeName);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet, fragment.typeCondition.name.value);
      }
    }
  };

  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  for (const directive of root.directives) for (const arg of directive.args) include(namedTypeOf(arg.type));
  reach(root.queryType.name);
  const roots = { query: root.queryType, mutation: root.mutationType, subscription: root.subscriptionType };
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) include(namedTypeOfNode(variable.type));
    const rootType = roots[definition.operation];
    if (rootType) walk(definition.selectionSet, rootType.name);
  }
  // A fragment nothing spreads is still validated against its type.
  for (const fragment of fragments.values()) walk(fragment.selectionSet, fragment.typeCondition.name.value);
  if (wantsWholeSchema) return null;

  const subsetTypes = [...included].map((name): IntrospectionType => {
    const type = published.type(name)!;
    if (!hasFields(type)) return type;
    const names = selected.get(name);
    return { ...type, fields: type.fields.filter((f) => names?.has(f.name)) } as IntrospectionType;
  });
  const present = <T extends { readonly name: string }>(ref: T | null | undefined): T | null =>
    ref && included.has(ref.name) ? ref : null;
  return {
    __schema: {
      queryType: root.queryType,
      mutationType: present(root.mutationType),
      subscriptionType: present(root.subscriptionType),
      directives: root.directives,
      types: subsetTypes,
    },
  };
}
