export * from "./people";
export * from "./catalog";
export * from "./events";
export * from "./issues";
export * from "./documents";
export * from "./meetings";
export * from "./notifications";
export * from "./datatracker";
