import type { CommentStatus as Status } from "../../api/types";

const LABELS: Record<Status, string> = {
  pending: "awaiting moderation",
  approved: "approved",
  rejected: "rejected by moderation",
};

export function CommentStatus({ status }: { status: Status }) {
  return <span className={`status status-${status}`}>{LABELS[status]}</span>;
}
