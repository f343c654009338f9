// The generated block inside a person's review or sprint file: only what is between these lines is ours.
export const SUMMARY_BEGIN = '<!-- kaizen:begin summary -->';
export const SUMMARY_END = '<!-- kaizen:end summary -->';
