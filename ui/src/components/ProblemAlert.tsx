import { Alert } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";

import type { AppError } from "../api";

interface ProblemAlertProps {
  /** Nothing is shown while there is no problem. */
  problem: AppError | null;
  /** What did not happen, for example "The schedule was not saved". */
  title: string;
  testId: string;
}

/** A red notice saying what failed, with the error's own message. */
export function ProblemAlert({ problem, title, testId }: ProblemAlertProps) {
  if (!problem) return null;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconAlertCircle />}
      title={title}
      data-testid={testId}
    >
      {problem.message}
    </Alert>
  );
}
