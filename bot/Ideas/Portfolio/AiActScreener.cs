namespace AdoptionBot.Ideas.Portfolio;

/// <summary>A choice on the screening card: its value, as stored, and what the assessor reads.</summary>
public sealed record ScreeningChoice(string Value, string Title);

/// <summary>What an assessor answered on the EU AI Act screening card.</summary>
public sealed record ScreeningAnswers(
    IReadOnlyList<string> ProhibitedPractices,
    bool SafetyComponent,
    IReadOnlyList<string> AnnexThreeAreas,
    bool NarrowTaskExemption,
    bool ProfilesPeople,
    IReadOnlyList<string> TransparencyTriggers,
    string Role);

/// <summary>The class a screening gives, why, and the transparency duties that apply.</summary>
public sealed record ScreeningResult(string Class, string Reason, IReadOnlyList<string> Duties);

/// <summary>
/// Classifies a use case under the EU AI Act from the screening's answers: a prohibited practice of Art. 5 makes it
/// prohibited; a safety component of a product under Annex I, or an Annex III area without the Art. 6(3) exemption
/// (which never holds when the system profiles people), high-risk; an Art. 50 trigger, limited with its duties; else
/// minimal. It screens; Legal's AI Act desk confirms.
/// </summary>
public static class AiActScreener
{
    public static readonly IReadOnlyList<ScreeningChoice> Prohibited =
    [
        new("manipulation", "Subliminal, manipulative or deceptive techniques that distort behaviour and cause harm"),
        new("exploiting-vulnerabilities", "Exploiting vulnerabilities of age, disability or social or economic situation"),
        new("social-scoring", "Social scoring that leads to unjustified or disproportionate treatment"),
        new("crime-prediction", "Predicting that a person will commit a crime from profiling or personality traits alone"),
        new("facial-scraping", "Untargeted scraping of facial images from the internet or CCTV for recognition databases"),
        new("emotion-recognition-work-education", "Emotion recognition of people at work or in education (outside medical or safety reasons)"),
        new("biometric-categorisation", "Biometric categorisation by sensitive traits (race, political opinion, union membership, religion, sex life, orientation)"),
        new("realtime-remote-biometric-id", "Real-time remote biometric identification in public spaces for law enforcement"),
    ];

    public static readonly IReadOnlyList<ScreeningChoice> AnnexThree =
    [
        new("biometrics", "Biometrics: remote identification, categorisation or emotion recognition"),
        new("critical-infrastructure", "Critical infrastructure: safety components of road traffic, water, gas, heating, electricity or digital infrastructure"),
        new("education", "Education and vocational training: admission, assessment, monitoring of learners"),
        new("employment", "Employment and worker management: recruitment, promotion, termination, task allocation, monitoring or evaluating workers"),
        new("essential-services", "Essential services: credit scoring, eligibility for benefits, pricing of life and health insurance, emergency calls"),
        new("law-enforcement", "Law enforcement"),
        new("migration", "Migration, asylum and border control"),
        new("justice-democracy", "Administration of justice and democratic processes"),
    ];

    public static readonly IReadOnlyList<ScreeningChoice> Transparency =
    [
        new("talks-to-people", "It talks to people (a chatbot or voice assistant)"),
        new("synthetic-content", "It generates synthetic audio, images, video or text"),
        new("deepfake", "It generates or manipulates images, audio or video that resemble real people, places or events (deepfakes)"),
        new("emotion-or-biometric", "It recognises emotions or categorises people biometrically (where that is allowed)"),
        new("public-interest-text", "It writes text published to inform the public on matters of public interest"),
    ];

    public static readonly IReadOnlyList<ScreeningChoice> Roles =
    [
        new("deployer", "Deployer: we use an AI system under our authority"),
        new("provider", "Provider: we develop it, or have it developed, and put it into service under our name"),
    ];

    private static readonly Dictionary<string, string> Duties = new(StringComparer.Ordinal)
    {
        ["talks-to-people"] = "Tell people that they are interacting with an AI system (Art. 50(1))",
        ["synthetic-content"] = "Mark generated audio, images, video and text as artificially generated, in a machine-readable way (Art. 50(2))",
        ["deepfake"] = "Disclose that images, audio or video are artificially generated or manipulated (Art. 50(4))",
        ["emotion-or-biometric"] = "Inform the people exposed to emotion recognition or biometric categorisation (Art. 50(3))",
        ["public-interest-text"] = "Disclose that text published to inform the public is AI-generated, unless a person reviews it and answers for it (Art. 50(4))",
    };

    private static readonly Dictionary<string, string> AreaNames = new(StringComparer.Ordinal)
    {
        ["biometrics"] = "biometrics",
        ["critical-infrastructure"] = "critical infrastructure",
        ["education"] = "education",
        ["employment"] = "employment",
        ["essential-services"] = "essential services",
        ["law-enforcement"] = "law enforcement",
        ["migration"] = "migration",
        ["justice-democracy"] = "justice and democracy",
    };

    public static ScreeningResult Classify(ScreeningAnswers answers)
    {
        var duties = answers.TransparencyTriggers.Where(Duties.ContainsKey).Select(t => Duties[t]).ToList();
        var prohibited = Prohibited.Where(p => answers.ProhibitedPractices.Contains(p.Value)).ToList();
        if (prohibited.Count > 0)
        {
            return new ScreeningResult(AiActClasses.Prohibited, "prohibited practice (Art. 5): " + string.Join("; ", prohibited.Select(p => Short(p.Title))), duties);
        }

        if (answers.SafetyComponent)
        {
            return new ScreeningResult(AiActClasses.HighRisk, "safety component of a regulated product (Art. 6(1), Annex I)", duties);
        }

        var areas = answers.AnnexThreeAreas.Where(AreaNames.ContainsKey).Select(a => AreaNames[a]).ToList();
        if (areas.Count > 0 && (!answers.NarrowTaskExemption || answers.ProfilesPeople))
        {
            var why = answers.NarrowTaskExemption ? " (the Art. 6(3) exemption does not apply: it profiles people)" : "";
            return new ScreeningResult(AiActClasses.HighRisk, $"Annex III: {string.Join(", ", areas)}{why}", duties);
        }

        var exempt = areas.Count > 0 ? $"; Annex III ({string.Join(", ", areas)}) with the Art. 6(3) exemption, to be documented" : "";
        return duties.Count > 0
            ? new ScreeningResult(AiActClasses.Limited, "transparency duties (Art. 50)" + exempt, duties)
            : new ScreeningResult(AiActClasses.Minimal, "no prohibited practice, not high-risk, no transparency trigger" + exempt, duties);
    }

    private static string Short(string title)
    {
        var cut = title.IndexOf(" (", StringComparison.Ordinal);
        return cut > 0 ? title[..cut] : title;
    }
}
