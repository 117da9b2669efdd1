// What the page's live upload test and the upload enhancer tell people about
// an upload: English and Russian text, and the reading of the provider's
// answer.
import { parseS3Xml } from "./s3-xml.js";

export const UPLOAD_TEXT = {
  en: {
    "uploadResult.ok": "Uploaded.",
    "uploadResult.okStatus": "Uploaded (HTTP {status}).",
    "uploadResult.failed": "The upload was refused (HTTP {status}).",
    "uploadResult.network": "No answer the page may read. The bucket's CORS rules may not allow POST from this page's origin, the page's Content-Security-Policy may not allow this endpoint, or you are offline. If the form redirects after the upload, the file may have been stored anyway.",
    "uploadResult.aborted": "Upload cancelled.",
    "uploadResult.tooLarge": "{name} is {size}; the form accepts at most {max}.",
    "uploadResult.tooSmall": "{name} is {size}; the form needs at least {min}.",
    "uploadResult.wrongType": "{name} is of type {type}; the form accepts {rule}.",
    "uploadResult.expired": "This form expired on {date}.",
    "uploadResult.noFile": "Choose a file first.",
    "uploadResult.progress": "Uploading… {percent}%",
    "uploadResult.drop": "Drop a file here or choose one",
    "uploadResult.unknownType": "unknown",
    "uploadResult.location": "Location",
    "uploadResult.key": "Key",
    "uploadResult.etag": "ETag",
    "uploadResult.code": "Code",
    "uploadResult.providerMessage": "Provider's message",
    "uploadResult.bytes": "bytes",
    "s3.AccessDenied": "Access denied: a field does not match the policy, the form has expired, or the keys may not write to this bucket.",
    "s3.EntityTooLarge": "The file is larger than the form allows.",
    "s3.EntityTooSmall": "The file is smaller than the form requires.",
    "s3.SignatureDoesNotMatch": "The signature does not match: the secret key or the region is wrong, or a signed field was changed.",
    "s3.InvalidAccessKeyId": "The provider does not know this access key.",
    "s3.NoSuchBucket": "There is no such bucket at this endpoint.",
    "s3.InvalidPolicyDocument": "The provider rejected the policy document.",
    "s3.ExpiredToken": "The session token has expired.",
    "s3.RequestTimeTooSkewed": "The signing time is too far from the provider's clock.",
    "s3.AuthorizationQueryParametersError": "The signing parameters are malformed.",
    "s3.MalformedPOSTRequest": "The form's body is not a valid multipart request.",
    "s3.InvalidArgument": "A form field has a value the provider does not accept.",
    "s3.MethodNotAllowed": "This endpoint does not accept form uploads.",
    "s3.NotImplemented": "The provider does not implement form (POST) uploads.",
  },
  ru: {
    "uploadResult.ok": "Загружено.",
    "uploadResult.okStatus": "Загружено (HTTP {status}).",
    "uploadResult.failed": "Загрузка отклонена (HTTP {status}).",
    "uploadResult.network": "Ответ недоступен странице. Возможно, правила CORS бакета не разрешают POST с адреса этой страницы, политика безопасности (CSP) страницы не пускает к этому адресу или нет сети. Если форма после загрузки перенаправляет на другую страницу, файл мог всё же сохраниться.",
    "uploadResult.aborted": "Загрузка отменена.",
    "uploadResult.tooLarge": "Размер {name} — {size}; форма принимает не больше {max}.",
    "uploadResult.tooSmall": "Размер {name} — {size}; форма принимает не меньше {min}.",
    "uploadResult.wrongType": "Тип {name} — {type}; форма принимает {rule}.",
    "uploadResult.expired": "Срок действия формы истёк {date}.",
    "uploadResult.noFile": "Сначала выберите файл.",
    "uploadResult.progress": "Загрузка… {percent}%",
    "uploadResult.drop": "Перетащите файл сюда или выберите его",
    "uploadResult.unknownType": "неизвестен",
    "uploadResult.location": "Адрес",
    "uploadResult.key": "Ключ",
    "uploadResult.etag": "ETag",
    "uploadResult.code": "Код",
    "uploadResult.providerMessage": "Сообщение сервиса",
    "uploadResult.bytes": "байт",
    "s3.AccessDenied": "Доступ запрещён: поле не соответствует политике, срок формы истёк или у ключей нет права записи в этот бакет.",
    "s3.EntityTooLarge": "Файл больше, чем разрешает форма.",
    "s3.EntityTooSmall": "Файл меньше, чем требует форма.",
    "s3.SignatureDoesNotMatch": "Подпись не совпала: неверен секретный ключ или регион, либо изменено подписанное поле.",
    "s3.InvalidAccessKeyId": "Сервис не знает такого ключа доступа.",
    "s3.NoSuchBucket": "По этому адресу нет такого бакета.",
    "s3.InvalidPolicyDocument": "Сервис отклонил документ политики.",
    "s3.ExpiredToken": "Срок сессионного токена истёк.",
    "s3.RequestTimeTooSkewed": "Время подписи слишком далеко от часов сервиса.",
    "s3.AuthorizationQueryParametersError": "Параметры подписи заданы неверно.",
    "s3.MalformedPOSTRequest": "Тело формы — некорректный multipart-запрос.",
    "s3.InvalidArgument": "Сервис не принимает значение одного из полей формы.",
    "s3.MethodNotAllowed": "Этот адрес не принимает загрузку формой.",
    "s3.NotImplemented": "Сервис не поддерживает загрузку формой (POST).",
  },
};

// fill replaces {name} placeholders in template with params.
export function fill(template, params = {}) {
  return String(template).replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

// uploadOutcome reads the provider's answer ({status, text}) to a POST
// upload: {ok, message, details: [[label, value]…]}.
export function uploadOutcome(answer, text) {
  const xml = parseS3Xml(answer.text);
  const details = [];
  if (answer.status >= 200 && answer.status < 300) {
    if (xml && xml.kind === "PostResponse") {
      for (const [tag, label] of [["Location", "uploadResult.location"], ["Key", "uploadResult.key"], ["ETag", "uploadResult.etag"]]) {
        if (xml.values[tag]) details.push([text[label], xml.values[tag]]);
      }
      return { ok: true, message: text["uploadResult.ok"], details };
    }
    return { ok: true, message: fill(text["uploadResult.okStatus"], { status: answer.status }), details };
  }
  let message = fill(text["uploadResult.failed"], { status: answer.status });
  if (xml && xml.code) {
    details.push([text["uploadResult.code"], xml.code]);
    if (xml.message) details.push([text["uploadResult.providerMessage"], xml.message]);
    const known = text["s3." + xml.code];
    if (known) message = known + " " + message;
  }
  return { ok: false, message, details };
}
