// base64Bytes lives in apimachinery (every server has []byte fields); this
// module keeps the import path the core kinds use.
export { base64Bytes, illegalBase64Message } from "@tskube/apimachinery";
