// Provider presets: where each S3-compatible service lives, which regions it
// has, how long its signatures may last. The notes are i18n keys.

const AWS_REGIONS = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "ca-west-1",
  "sa-east-1", "mx-central-1",
  "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
  "af-south-1", "me-south-1", "me-central-1", "il-central-1",
  "ap-east-1", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
  "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
];

const WEEK = 7 * 24 * 3600;

export const PRESETS = [
  {
    id: "aws",
    name: "Amazon S3",
    regions: AWS_REGIONS,
    region: "us-east-1",
    endpoint: (region) => (region === "us-east-1" || !region ? "https://s3.amazonaws.com" : `https://s3.${region}.amazonaws.com`),
    addressing: "virtual",
    maxExpires: WEEK,
    note: "preset.aws.note",
    uploadNote: "preset.aws.uploadNote",
  },
  {
    id: "yandex-storage",
    name: "Yandex Object Storage",
    regions: ["ru-central1"],
    region: "ru-central1",
    endpoint: () => "https://storage.yandexcloud.net",
    addressing: "virtual",
    maxExpires: 30 * 24 * 3600,
    note: "preset.yandexStorage.note",
    uploadNote: "preset.yandexStorage.uploadNote",
  },
  {
    id: "yandex-postbox",
    name: "Yandex Cloud Postbox",
    regions: ["ru-central1"],
    region: "ru-central1",
    endpoint: () => "https://postbox.cloud.yandex.net",
    addressing: "path",
    service: "ses",
    maxExpires: WEEK,
    note: "preset.postbox.note",
    iamToken: true,
  },
  {
    id: "minio",
    name: "MinIO",
    regions: ["us-east-1"],
    region: "us-east-1",
    endpoint: () => "http://127.0.0.1:9000",
    addressing: "path",
    maxExpires: WEEK,
    note: "preset.minio.note",
  },
  {
    id: "r2",
    name: "Cloudflare R2",
    regions: ["auto"],
    region: "auto",
    endpoint: () => "https://ACCOUNT_ID.r2.cloudflarestorage.com",
    addressing: "path",
    maxExpires: WEEK,
    note: "preset.r2.note",
    uploadNote: "preset.r2.uploadNote",
  },
  {
    id: "gcs",
    name: "Google Cloud Storage (interoperability)",
    regions: ["auto", "us", "eu", "asia", "us-central1", "europe-west1", "asia-east1"],
    region: "auto",
    endpoint: () => "https://storage.googleapis.com",
    addressing: "path",
    maxExpires: WEEK,
    postMaxExpires: WEEK,
    note: "preset.gcs.note",
    uploadNote: "preset.gcs.uploadNote",
  },
  {
    id: "do-spaces",
    name: "DigitalOcean Spaces",
    regions: ["nyc3", "sfo2", "sfo3", "ams3", "sgp1", "fra1", "syd1", "blr1", "tor1", "lon1", "atl1"],
    region: "nyc3",
    endpoint: (region) => `https://${region || "nyc3"}.digitaloceanspaces.com`,
    addressing: "virtual",
    maxExpires: WEEK,
    note: "preset.doSpaces.note",
  },
  {
    id: "custom",
    name: null, // i18n: preset.custom
    regions: [],
    region: "",
    endpoint: null,
    addressing: "path",
    maxExpires: WEEK,
    note: null,
  },
];

export function presetById(id) {
  return PRESETS.find((p) => p.id === id) || PRESETS[PRESETS.length - 1];
}

// The signer's default limit for presigned URLs; maxExpires is sent only
// when a provider allows more.
export const DEFAULT_MAX_EXPIRES = WEEK;
