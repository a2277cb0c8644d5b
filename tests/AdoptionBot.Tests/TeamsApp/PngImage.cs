using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace AdoptionBot.Tests.TeamsApp;

/// <summary>
/// A small PNG decoder for checking icons: non-interlaced images of bit depth 8 in colour types 0 (grey), 2 (RGB),
/// 3 (palette, with tRNS), 4 (grey and alpha) and 6 (RGBA), every chunk's CRC checked. Pixels come out as RGBA.
/// </summary>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly uint[] CrcTable = BuildCrcTable();

    private PngImage(int width, int height, int colorType, byte[] rgba)
    {
        Width = width;
        Height = height;
        ColorType = colorType;
        Rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    public int ColorType { get; }

    /// <summary>Four bytes per pixel, row by row.</summary>
    public byte[] Rgba { get; }

    public (byte R, byte G, byte B, byte A) this[int x, int y]
    {
        get
        {
            var i = ((y * Width) + x) * 4;
            return (Rgba[i], Rgba[i + 1], Rgba[i + 2], Rgba[i + 3]);
        }
    }

    public IEnumerable<(byte R, byte G, byte B, byte A)> Pixels()
    {
        for (var i = 0; i < Rgba.Length; i += 4)
        {
            yield return (Rgba[i], Rgba[i + 1], Rgba[i + 2], Rgba[i + 3]);
        }
    }

    public static PngImage Decode(byte[] data)
    {
        if (data.Length < Signature.Length || !data.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new InvalidDataException("Not a PNG: the signature is missing.");
        }

        int width = 0, height = 0, colorType = -1;
        byte[]? palette = null, transparency = null;
        using var idat = new MemoryStream();
        var position = Signature.Length;
        var ended = false;
        while (!ended)
        {
            if (position + 12 > data.Length)
            {
                throw new InvalidDataException("The PNG ends before its IEND chunk.");
            }

            var length = checked((int)BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(position)));
            var type = Encoding.ASCII.GetString(data, position + 4, 4);
            var body = data.AsSpan(position + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(position + 8 + length));
            if (crc != Crc32(data.AsSpan(position + 4, length + 4)))
            {
                throw new InvalidDataException($"The CRC of the {type} chunk is wrong.");
            }

            switch (type)
            {
                case "IHDR":
                    width = (int)BinaryPrimitives.ReadUInt32BigEndian(body);
                    height = (int)BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
                    colorType = body[9];
                    if (body[8] != 8 || body[10] != 0 || body[11] != 0 || body[12] != 0)
                    {
                        throw new NotSupportedException($"Only bit depth 8, deflate, no interlacing is decoded (bit depth {body[8]}, interlace {body[12]}).");
                    }

                    break;
                case "PLTE":
                    palette = body.ToArray();
                    break;
                case "tRNS":
                    transparency = body.ToArray();
                    break;
                case "IDAT":
                    idat.Write(body);
                    break;
                case "IEND":
                    ended = true;
                    break;
            }

            position += 12 + length;
        }

        var channels = colorType switch
        {
            0 or 3 => 1,
            4 => 2,
            2 => 3,
            6 => 4,
            _ => throw new NotSupportedException($"Colour type {colorType} is not a PNG colour type."),
        };
        var raw = Unfilter(Inflate(idat.ToArray()), width, height, channels);
        return new PngImage(width, height, colorType, ToRgba(raw, width * height, colorType, palette, transparency));
    }

    private static byte[] Inflate(byte[] zlib)
    {
        using var input = new ZLibStream(new MemoryStream(zlib), CompressionMode.Decompress);
        using var output = new MemoryStream();
        input.CopyTo(output);
        return output.ToArray();
    }

    // Reverses the five PNG filters (none, sub, up, average, Paeth), one filter-type byte before each row.
    private static byte[] Unfilter(byte[] filtered, int width, int height, int channels)
    {
        var stride = width * channels;
        if (filtered.Length != height * (stride + 1))
        {
            throw new InvalidDataException($"The image data has {filtered.Length} bytes; {width}x{height} with {channels} channel(s) needs {height * (stride + 1)}.");
        }

        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var filter = filtered[y * (stride + 1)];
            for (var i = 0; i < stride; i++)
            {
                int left = i >= channels ? pixels[(y * stride) + i - channels] : 0;
                int up = y > 0 ? pixels[((y - 1) * stride) + i] : 0;
                int upLeft = i >= channels && y > 0 ? pixels[((y - 1) * stride) + i - channels] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"Row {y} has filter type {filter}; PNG has 0 to 4."),
                };
                pixels[(y * stride) + i] = (byte)(filtered[(y * (stride + 1)) + 1 + i] + predictor);
            }
        }

        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] ToRgba(byte[] pixels, int count, int colorType, byte[]? palette, byte[]? transparency)
    {
        var rgba = new byte[count * 4];
        for (var n = 0; n < count; n++)
        {
            (byte r, byte g, byte b, byte a) = colorType switch
            {
                0 => (pixels[n], pixels[n], pixels[n], (byte)255),
                4 => (pixels[n * 2], pixels[n * 2], pixels[n * 2], pixels[(n * 2) + 1]),
                2 => (pixels[n * 3], pixels[(n * 3) + 1], pixels[(n * 3) + 2], (byte)255),
                6 => (pixels[n * 4], pixels[(n * 4) + 1], pixels[(n * 4) + 2], pixels[(n * 4) + 3]),
                _ => PaletteEntry(pixels[n], palette, transparency),
            };
            rgba[n * 4] = r;
            rgba[(n * 4) + 1] = g;
            rgba[(n * 4) + 2] = b;
            rgba[(n * 4) + 3] = a;
        }

        return rgba;
    }

    private static (byte, byte, byte, byte) PaletteEntry(byte index, byte[]? palette, byte[]? transparency)
    {
        if (palette is null || (index * 3) + 2 >= palette.Length)
        {
            throw new InvalidDataException($"Palette index {index} is outside the PLTE chunk.");
        }

        var alpha = transparency is not null && index < transparency.Length ? transparency[index] : (byte)255;
        return (palette[index * 3], palette[(index * 3) + 1], palette[(index * 3) + 2], alpha);
    }

    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
