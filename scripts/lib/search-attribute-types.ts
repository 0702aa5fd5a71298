import type { SearchAttributeType } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

/** A search attribute's name and type: the public shape of the SDK's keys. */
export interface SearchAttributeDefinition {
  name: string;
  type: SearchAttributeType;
}

/** The indexed value type the operator service registers a search attribute with. */
export function indexedValueTypeOf(type: SearchAttributeType): temporal.api.enums.v1.IndexedValueType {
  return temporal.api.enums.v1.IndexedValueType[`INDEXED_VALUE_TYPE_${type}`];
}
