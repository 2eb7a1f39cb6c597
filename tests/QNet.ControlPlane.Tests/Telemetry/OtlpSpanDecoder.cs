using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace QNet.ControlPlane.Tests.Telemetry;

/// <summary>One span as decoded from an OTLP export: ids in hex, string/bool/int/double attributes as invariant text.</summary>
public sealed record OtlpSpan(string TraceId, string SpanId, string ParentSpanId, string Name, string Scope,
    IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<string> Events);

/// <summary>
/// Decodes an OTLP <c>ExportTraceServiceRequest</c> (protobuf wire format, opentelemetry-proto trace/v1) into spans:
/// resource_spans(1) → scope_spans(2) → scope(1).name(1) and spans(2) → trace_id(1), span_id(2), parent_span_id(4),
/// name(5), attributes(9), events(11).name(2). Unknown fields are skipped, as protobuf readers do.
/// </summary>
public static class OtlpSpanDecoder
{
    public static List<OtlpSpan> Decode(ReadOnlySpan<byte> request)
    {
        var spans = new List<OtlpSpan>();
        foreach (var (field, resourceSpans) in Fields(request.ToArray()))
        {
            if (field != 1)
            {
                continue;
            }

            foreach (var (f2, scopeSpans) in Fields(resourceSpans))
            {
                if (f2 != 2)
                {
                    continue;
                }

                string scope = "";
                foreach (var (f3, value) in Fields(scopeSpans))
                {
                    if (f3 == 1)
                    {
                        scope = Text(Fields(value).FirstOrDefault(x => x.Field == 1).Value);
                    }

                    if (f3 == 2)
                    {
                        spans.Add(Span(value, scope));
                    }
                }
            }
        }
        return spans;
    }

    private static OtlpSpan Span(byte[] span, string scope)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var events = new List<string>();
        foreach (var (field, value) in Fields(span))
        {
            switch (field)
            {
                case 1: traceId = Convert.ToHexStringLower(value); break;
                case 2: spanId = Convert.ToHexStringLower(value); break;
                case 4: parent = Convert.ToHexStringLower(value); break;
                case 5: name = Text(value); break;
                case 9:
                    var (key, text) = KeyValue(value);
                    attributes[key] = text;
                    break;
                case 11: events.Add(Text(Fields(value).FirstOrDefault(x => x.Field == 2).Value)); break;
            }
        }
        return new OtlpSpan(traceId, spanId, parent, name, scope, attributes, events);
    }

    private static (string Key, string Value) KeyValue(byte[] kv)
    {
        string key = "", text = "";
        foreach (var (field, value) in Fields(kv))
        {
            if (field == 1)
            {
                key = Text(value);
            }

            if (field != 2)
            {
                continue;
            }

            foreach (var (kind, v) in Fields(value))
            {
                text = kind switch
                {
                    1 => Text(v),
                    2 => (v[0] != 0).ToString(CultureInfo.InvariantCulture).ToLowerInvariant(),
                    3 => ((long)BinaryPrimitives.ReadUInt64LittleEndian(v)).ToString(CultureInfo.InvariantCulture),
                    4 => BitConverter.Int64BitsToDouble((long)BinaryPrimitives.ReadUInt64LittleEndian(v)).ToString("R", CultureInfo.InvariantCulture),
                    _ => text,
                };
            }
        }
        return (key, text);
    }

    private static string Text(byte[]? bytes) => bytes is null ? "" : Encoding.UTF8.GetString(bytes);

    /// <summary>Top-level fields of a message; varints come back as 8 little-endian bytes, fixed64 as 8 bytes.</summary>
    private static List<(int Field, byte[] Value)> Fields(byte[] message)
    {
        int i = 0;
        var result = new List<(int, byte[])>();
        while (i < message.Length)
        {
            ulong tag = Varint(message, ref i);
            int field = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    var bytes = new byte[8];
                    BinaryPrimitives.WriteUInt64LittleEndian(bytes, Varint(message, ref i));
                    result.Add((field, bytes));
                    break;
                case 1:
                    result.Add((field, message[i..(i + 8)]));
                    i += 8;
                    break;
                case 2:
                    int length = checked((int)Varint(message, ref i));
                    result.Add((field, message[i..(i + length)]));
                    i += length;
                    break;
                case 5:
                    result.Add((field, message[i..(i + 4)]));
                    i += 4;
                    break;
                default:
                    throw new FormatException($"unsupported protobuf wire type {tag & 7} at byte {i}");
            }
        }
        return result;
    }

    private static ulong Varint(byte[] message, ref int i)
    {
        ulong value = 0;
        for (int shift = 0; ; shift += 7)
        {
            byte b = message[i++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
