// `as=Table` responses (what `kubectl get` asks for): column definitions from the CRD printer columns
// of the catalog, or the built-in printers; rows carry the object's metadata so kubectl can add the
// NAMESPACE column and labels.

import type { PrinterColumn } from '../../flux/kinds.js';
import type { ResourceDef } from '../resources.js';
import type { SimObject } from '../types.js';
import { ageSince } from './human-duration.js';
import { evaluateJsonPath, parseJsonPath } from './jsonpath.js';
import { present } from './output.js';
import { errors } from './status-errors.js';
import { BUILT_IN_PRINTERS, type ColumnDefinition, NAME_COLUMN } from './table-columns.js';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  readonly version: 'v1' | 'v1beta1';
  readonly includeObject: IncludeObject;
  readonly now: number;
}

export function includeObjectOf(query: URLSearchParams): IncludeObject {
  const value = query.get('includeObject') ?? 'Metadata';
  if (value !== 'None' && value !== 'Metadata' && value !== 'Object') {
    throw errors.badRequest(
      `includeObject: Unsupported value: "${value}": supported values: "None", "Metadata", "Object"`,
    );
  }
  return value;
}

interface Printer {
  readonly columns: readonly ColumnDefinition[];
  cells(object: SimObject, now: number): unknown[];
}

const DATE_PATHS = new Set(['.metadata.creationTimestamp']);

function customColumn(column: PrinterColumn): { definition: ColumnDefinition; cell: Printer['cells'] } {
  const steps = parseJsonPath(column.jsonPath);
  const isDate = DATE_PATHS.has(column.jsonPath);
  return {
    definition: {
      name: column.name,
      type: isDate ? 'date' : 'string',
      format: '',
      description: '',
      priority: 0,
    },
    cell(object, now) {
      const values = evaluateJsonPath(steps, object);
      if (values.length === 0) return [null];
      // The CRD table convertor turns date columns into ages on the server side.
      if (isDate) return [ageSince(values[0], now)];
      if (values.length === 1) return [values[0]];
      return [values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' ')];
    },
  };
}

const customPrinters = new WeakMap<ResourceDef, Printer>();

function printerFor(def: ResourceDef): Printer {
  const builtIn = BUILT_IN_PRINTERS[def.id];
  if (builtIn) return builtIn;
  let printer = customPrinters.get(def);
  if (!printer) {
    const columns =
      def.printerColumns.length > 0
        ? def.printerColumns
        : [{ name: 'Age', jsonPath: '.metadata.creationTimestamp' }];
    const custom = columns.map(customColumn);
    printer = {
      columns: [NAME_COLUMN, ...custom.map((c) => c.definition)],
      cells: (object, now) => [object.metadata.name, ...custom.flatMap((c) => c.cell(object, now))],
    };
    customPrinters.set(def, printer);
  }
  return printer;
}

function rowObject(object: SimObject, def: ResourceDef, version: string, options: TableOptions): unknown {
  switch (options.includeObject) {
    case 'None':
      return undefined;
    case 'Object':
      return present(object, def, version);
    case 'Metadata':
      return {
        kind: 'PartialObjectMetadata',
        apiVersion: `meta.k8s.io/${options.version}`,
        metadata: object.metadata,
      };
  }
}

export function toTable(
  objects: readonly SimObject[],
  def: ResourceDef,
  version: string,
  options: TableOptions,
  listMeta: Record<string, unknown>,
): Record<string, unknown> {
  const printer = printerFor(def);
  return {
    kind: 'Table',
    apiVersion: `meta.k8s.io/${options.version}`,
    metadata: listMeta,
    columnDefinitions: printer.columns,
    rows: objects.map((object) => {
      const embedded = rowObject(object, def, version, options);
      const cells = printer.cells(object, options.now);
      return embedded === undefined ? { cells } : { cells, object: embedded };
    }),
  };
}
