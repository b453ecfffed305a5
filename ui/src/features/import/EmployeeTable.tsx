import { Box, Button } from "@mantine/core";
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
    overscan: 12,
    getItemKey,
  });

  return (
    <Box className={classes.frame} data-testid="import-table">
      <div className={`${classes.grid} ${classes.header}`} role="row">
        <ShownCheckbox
          checked={props.allShownSelected}
          indeterminate={!props.allShownSelected && props.someShownSelected}
          onChange={props.onToggleShown}
          disabled={props.locked || rows.length === 0}
        />
        <span>EmpCode</span>
        <span>Name</span>
        <span>Location</span>
        <span>Company</span>
        <span>Status</span>
        <span>Import</span>
        <span />
      </div>
      <div ref={scroller} className={classes.scroller} data-testid="import-scroller">
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const candidate = rows[item.index]!;
            return (
              <Row
                key={item.key}
                candidate={candidate}
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
  top: number;
  checked: boolean;
  locked: boolean;
  onToggle(key: number): void;
  onPreview(candidate: ImportCandidate): void;
  onUnlink(candidate: ImportCandidate): void;
}

// Plain elements, not Mantine components: a keystroke in the search box
// re-renders every row in view, and this keeps that to a few milliseconds.
const Row = memo(function Row({ candidate, top, checked, locked, ...on }: RowProps) {
  const selectable = isSelectable(candidate);
  const note = linkNote(candidate.linkState);
  const { label } = LINK_LOOK[candidate.linkState.kind];
  return (
    <div
      className={`${classes.grid} ${classes.row}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      role="row"
      aria-selected={checked}
      data-selectable={selectable}
      onClick={() => selectable && on.onPreview(candidate)}
      data-testid="import-row"
      data-emp-code={candidate.empCode}
      data-link-state={candidate.linkState.kind}
      data-selected={checked}
    >
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
      <span className={`${classes.cell} ${classes.code}`}>{candidate.empCode || "—"}</span>
      <span className={`${classes.cell} ${classes.name}`} data-testid="import-row-name">
        {candidate.name}
      </span>
      <span className={`${classes.cell} ${classes.dimmed}`}>{candidate.location}</span>
      <span className={`${classes.cell} ${classes.dimmed}`}>{candidate.payrollCompany}</span>
      <span className={classes.cell}>
        {candidate.terminated ? (
          <span className={classes.terminated}>Terminated</span>
        ) : (
          <span className={classes.dimmed}>Active</span>
        )}
      </span>
      <span className={classes.link}>
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
      <span>
        {candidate.linkState.kind === "alreadyLinked" && (
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            disabled={locked}
            onClick={(event) => {
              event.stopPropagation();
              on.onUnlink(candidate);
            }}
            data-testid="import-row-unlink"
          >
            Unlink
          </Button>
        )}
      </span>
    </div>
  );
});
