import { Box } from "@mantine/core";
import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useCallback, useEffect, useRef } from "react";

import type { ImportCandidate } from "../../api";
import { isSelectable, keyOf, LINK_LOOK, linkNote } from "./model";
import classes from "./EmployeeTable.module.css";

const ROW_HEIGHT = 44;

interface EmployeeTableProps {
  rows: ImportCandidate[];
  selected: ReadonlySet<number>;
  /** Every selectable shown row is selected / some are. */
  allShownSelected: boolean;
  someShownSelected: boolean;
  onToggle(key: number): void;
  onToggleShown(): void;
  onPreview(candidate: ImportCandidate): void;
  onUnlink(candidate: ImportCandidate): void;
  locked: boolean;
}

/** A virtual list: only the rows in view are in the page, so 10,000 scroll smoothly. */
export function EmployeeTable(props: EmployeeTableProps) {
  const { rows } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const getItemKey = useCallback((index: number) => keyOf(rows[index]!), [rows]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    // A few rows past each edge: each one costs every keystroke's render.
    overscan: 4,
    getItemKey,
  });

  return (
    // A grid to assistive technology: rows of cells, with the row count
    // of the whole list although only the rows in view are in the page.
    <Box
      className={classes.frame}
      role="grid"
      aria-label="MicrOpay employees"
      aria-rowcount={rows.length + 1}
      aria-multiselectable
      data-testid="import-table"
    >
      <div className={`${classes.grid} ${classes.header}`} role="row" aria-rowindex={1}>
        <span role="columnheader" className={classes.checkCell}>
          <ShownCheckbox
            checked={props.allShownSelected}
            indeterminate={!props.allShownSelected && props.someShownSelected}
            onChange={props.onToggleShown}
            disabled={props.locked || rows.length === 0}
          />
        </span>
        <span role="columnheader">EmpCode</span>
        <span role="columnheader">Name</span>
        <span role="columnheader">Location</span>
        <span role="columnheader">Company</span>
        <span role="columnheader">Status</span>
        <span role="columnheader">Import</span>
        <span role="columnheader" aria-label="Actions" />
      </div>
      <div
        ref={scroller}
        className={classes.scroller}
        role="presentation"
        data-testid="import-scroller"
      >
        <div
          role="presentation"
          style={{ height: virtualizer.getTotalSize(), position: "relative" }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const candidate = rows[item.index]!;
            return (
              <Row
                key={item.key}
                candidate={candidate}
                rowIndex={item.index + 2}
                top={item.start}
                checked={props.selected.has(keyOf(candidate))}
                locked={props.locked}
                onToggle={props.onToggle}
                onPreview={props.onPreview}
                onUnlink={props.onUnlink}
              />
            );
          })}
        </div>
      </div>
    </Box>
  );
}

/** The header's checkbox: every shown row, some of them (indeterminate) or none. */
function ShownCheckbox(props: {
  checked: boolean;
  indeterminate: boolean;
  disabled: boolean;
  onChange(): void;
}) {
  const box = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (box.current) box.current.indeterminate = props.indeterminate;
  }, [props.indeterminate]);
  return (
    <input
      ref={box}
      type="checkbox"
      className={classes.checkbox}
      aria-label="Select every employee shown"
      checked={props.checked}
      disabled={props.disabled}
      onChange={props.onChange}
      data-testid="import-toggle-shown"
    />
  );
}

interface RowProps {
  candidate: ImportCandidate;
  /** 1-based, counting the header row. */
  rowIndex: number;
  top: number;
  checked: boolean;
  locked: boolean;
  onToggle(key: number): void;
  onPreview(candidate: ImportCandidate): void;
  onUnlink(candidate: ImportCandidate): void;
}

// Plain elements, not Mantine components: a keystroke in the search box
// re-renders every row in view, and this keeps that to a few milliseconds.
const Row = memo(function Row({ candidate, rowIndex, top, checked, locked, ...on }: RowProps) {
  const selectable = isSelectable(candidate);
  const note = linkNote(candidate.linkState);
  const { label } = LINK_LOOK[candidate.linkState.kind];
  return (
    <div
      className={`${classes.grid} ${classes.row}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      role="row"
      aria-rowindex={rowIndex}
      aria-selected={checked}
      data-selectable={selectable}
      onClick={() => selectable && on.onPreview(candidate)}
      data-testid="import-row"
      data-emp-code={candidate.empCode}
      data-link-state={candidate.linkState.kind}
      data-selected={checked}
    >
      <span role="gridcell" className={classes.checkCell}>
        <input
          type="checkbox"
          className={classes.checkbox}
          aria-label={`Select ${candidate.name}`}
          checked={checked}
          disabled={!selectable || locked}
          onChange={() => on.onToggle(keyOf(candidate))}
          onClick={(event) => event.stopPropagation()}
          data-testid="import-row-checkbox"
        />
      </span>
      <span role="gridcell" className={`${classes.cell} ${classes.code}`}>
        {candidate.empCode || "—"}
      </span>
      <span role="gridcell" className={`${classes.cell} ${classes.name}`}>
        {selectable ? (
          // The keyboard's way to the preview; a mouse may click the whole row.
          <button
            type="button"
            className={classes.nameButton}
            onClick={(event) => {
              event.stopPropagation();
              on.onPreview(candidate);
            }}
            data-testid="import-row-name"
          >
            {candidate.name}
          </button>
        ) : (
          <span data-testid="import-row-name">{candidate.name}</span>
        )}
      </span>
      <span role="gridcell" className={`${classes.cell} ${classes.dimmed}`}>
        {candidate.location}
      </span>
      <span role="gridcell" className={`${classes.cell} ${classes.dimmed}`}>
        {candidate.payrollCompany}
      </span>
      <span role="gridcell" className={classes.cell}>
        {candidate.terminated ? (
          <span className={classes.terminated}>Terminated</span>
        ) : (
          <span className={classes.dimmed}>Active</span>
        )}
      </span>
      <span role="gridcell" className={classes.link}>
        <span
          className={classes.badge}
          data-state={candidate.linkState.kind}
          data-testid="link-state-badge"
        >
          {label}
        </span>
        <span
          className={`${classes.cell} ${classes.note}`}
          title={note}
          data-testid="import-row-note"
        >
          {note}
        </span>
      </span>
      <span role="gridcell">
        {candidate.linkState.kind === "alreadyLinked" && (
          <button
            type="button"
            className={classes.unlink}
            disabled={locked}
            onClick={(event) => {
              event.stopPropagation();
              on.onUnlink(candidate);
            }}
            data-testid="import-row-unlink"
          >
            Unlink
          </button>
        )}
      </span>
    </div>
  );
});
