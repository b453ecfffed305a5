import { Badge } from "@mantine/core";

import type { LinkState } from "../../api";
import { LINK_LOOK } from "./model";

export function LinkStateBadge({ state, size = "sm" }: { state: LinkState; size?: "sm" | "md" }) {
  const { label, color } = LINK_LOOK[state.kind];
  return (
    <Badge
      variant="light"
      color={color}
      size={size}
      radius="sm"
      style={{ flexShrink: 0 }}
      data-testid="link-state-badge"
      data-state={state.kind}
    >
      {label}
    </Badge>
  );
}
