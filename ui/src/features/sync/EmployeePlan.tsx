import { memo } from "react";

import type { SyncEmployee } from "../../api";
import { ACTION_LABELS, OUTCOME_COLORS, OUTCOME_LABELS, directionOf, valueChange } from "./model";
import classes from "./EmployeePlan.module.css";

/** One employee of a plan (or a run): the outcome, why, and field by field. */
export const EmployeePlan = memo(function EmployeePlan({ employee }: { employee: SyncEmployee }) {
  const color = OUTCOME_COLORS[employee.outcome];
  return (
    <article
      className={classes.card}
      aria-label={`${employee.name}${employee.empCode ? ` (${employee.empCode})` : ""}`}
      data-testid="sync-employee"
      data-emp-code={employee.empCode ?? ""}
      data-outcome={employee.outcome}
    >
      <div className={classes.head}>
        <div className={classes.who}>
          <span className={classes.name}>{employee.name || "(no name)"}</span>
          <span className={classes.code}>{employee.empCode ?? "no Employee ID"}</span>
        </div>
        <span
          className={classes.badge}
          style={{
            ["--badge-color" as string]: `var(--mantine-color-${color}-light-color)`,
            ["--badge-background" as string]: `var(--mantine-color-${color}-light)`,
          }}
          data-testid="sync-employee-outcome"
        >
          {OUTCOME_LABELS[employee.outcome]}
        </span>
      </div>
      {employee.reasons.length > 0 && (
        <ul className={classes.reasons} data-testid="sync-employee-reasons">
          {employee.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {employee.fields.length > 0 && (
        <table className={classes.fields}>
          <thead>
            <tr>
              <th style={{ width: "18%" }}>Field</th>
              <th style={{ width: "30%" }}>Old → new</th>
              <th style={{ width: "19%" }}>Direction</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {employee.fields.map((field) => (
              <tr
                key={field.field}
                data-testid="sync-field"
                data-field={field.field}
                data-action={field.action}
                data-write={field.write ?? ""}
              >
                <td>
                  <span className={classes.label}>{field.label}</span>
                  <span className={classes.action}>{ACTION_LABELS[field.action]}</span>
                </td>
                <td data-testid="sync-field-change">{valueChange(field)}</td>
                <td data-testid="sync-field-direction">{directionOf(field)}</td>
                <td
                  className={field.action === "held" ? classes.held : undefined}
                  data-testid="sync-field-reason"
                >
                  {field.reason}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
});
