"""Every operation can answer these; documenting them keeps the schema true to the API."""

ERROR = {"description": "Lỗi", "content": {"application/json": {"schema": {"type": "object", "additionalProperties": True}}}}
STANDARD = {"400": "Dữ liệu không hợp lệ", "401": "Chưa đăng nhập", "403": "Không có quyền", "404": "Không tìm thấy"}


def add_error_responses(result, generator, request, public):
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for code, text in STANDARD.items():
                responses.setdefault(code, {**ERROR, "description": text})
    return result
