// Renders whichever table the list screen shows.

import type { CurrentTable } from '../present/tables.js';
import type { Paint } from '../present/theme.js';
import { TableView } from './table-view.js';

export interface MainTableProps {
  readonly current: CurrentTable;
  readonly selectedIndex: number;
  readonly marked: ReadonlySet<string>;
  readonly sort: { readonly column: string; readonly desc: boolean } | undefined;
  readonly emptyText: string;
  readonly width: number;
  readonly height: number;
  readonly color: Paint;
  readonly focused: boolean;
}

export function MainTable({ current, ...rest }: MainTableProps) {
  switch (current.type) {
    case 'status':
      return <TableView {...rest} {...current.table} rowKey={(r) => r.key} />;
    case 'pods':
      return <TableView {...rest} {...current.table} />;
    case 'events':
      return <TableView {...rest} {...current.table} />;
    case 'suspended':
      return <TableView {...rest} {...current.table} />;
    case 'audit':
      return <TableView {...rest} {...current.table} />;
    case 'timeline':
      return <TableView {...rest} {...current.table} />;
    case 'trace':
      return <TableView {...rest} {...current.table} />;
    case 'tree':
      return <TableView {...rest} {...current.table} />;
    case 'workload':
      return <TableView {...rest} {...current.table} />;
    case 'podlog':
      return <TableView {...rest} {...current.table} />;
  }
}
