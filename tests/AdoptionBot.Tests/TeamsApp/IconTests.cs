namespace AdoptionBot.Tests.TeamsApp;

/// <summary>The icons as Teams asks for them: colour 192x192, outline 32x32 white on transparent.</summary>
public sealed class IconTests : IDisposable
{
    private readonly TestPackage _package = new();

    [Fact]
    public void ColourIcon_Size_Is192By192AndFullyOpaque()
    {
        var icon = PackagedIcon("color.png");

        Assert.Equal((192, 192), (icon.Width, icon.Height));
        Assert.All(icon.Pixels(), p => Assert.Equal(255, p.A));
    }

    [Fact]
    public void ColourIcon_Pixels_AreInColour()
    {
        var icon = PackagedIcon("color.png");

        var colours = icon.Pixels().Select(p => (p.R, p.G, p.B)).Distinct().Count();

        Assert.Contains(icon.Pixels(), p => p.R != p.G || p.G != p.B);
        Assert.True(colours > 3, $"The colour icon has only {colours} colour(s).");
    }

    [Fact]
    public void OutlineIcon_Size_Is32By32()
    {
        var icon = PackagedIcon("outline.png");

        Assert.Equal((32, 32), (icon.Width, icon.Height));
    }

    [Fact]
    public void OutlineIcon_Pixels_AreTransparentAroundAWhiteShape()
    {
        var icon = PackagedIcon("outline.png");

        Assert.Equal(0, icon[0, icon.Height - 1].A); // the corner beside the bubble's tail
        Assert.Contains(icon.Pixels(), p => p.A == 0);
        Assert.Contains(icon.Pixels(), p => p.A == 255);
    }

    [Fact]
    public void OutlineIcon_EveryPixel_IsTransparentOrWhite()
    {
        var icon = PackagedIcon("outline.png");

        var coloured = new List<string>();
        for (var y = 0; y < icon.Height; y++)
        {
            for (var x = 0; x < icon.Width; x++)
            {
                var (r, g, b, a) = icon[x, y];
                if (a != 0 && (r, g, b) != (255, 255, 255))
                {
                    coloured.Add($"({x},{y}) = rgba({r},{g},{b},{a})");
                }
            }
        }

        Assert.True(coloured.Count == 0, $"Pixels neither transparent nor white: {string.Join(", ", coloured.Take(10))}");
    }

    [Fact]
    public void PngDecoder_ColourIcon_ReadsTheBackgroundAsTheBrandColour()
    {
        var icon = PackagedIcon("color.png");

        // The top left corner is the start of the indigo gradient, #4338CA (the manifest's accentColor).
        var (r, g, b, _) = icon[0, 0];
        Assert.InRange(r, 0x40, 0x46);
        Assert.InRange(g, 0x35, 0x3B);
        Assert.InRange(b, 0xC6, 0xCD);
    }

    [Fact]
    public void PngDecoder_CorruptedIcon_IsNotDecoded()
    {
        var bytes = File.ReadAllBytes(Path.Combine(TestPackage.ManifestFolder, "outline.png"));
        bytes[40] ^= 0xFF;

        Assert.Throws<InvalidDataException>(() => PngImage.Decode(bytes));
    }

    public void Dispose() => _package.Dispose();

    private PngImage PackagedIcon(string name)
    {
        var result = _package.Build(TestPackage.ValidOptions());
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        return PngImage.Decode(TestPackage.ReadZip(_package.ZipPath)[name]);
    }
}
