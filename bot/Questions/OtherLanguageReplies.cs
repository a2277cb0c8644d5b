namespace AdoptionBot.Questions;

/// <summary>
/// What an employee who asks in another language is told, in that language, when the embedded default's embedding
/// model reads English only: that this setup answers English questions, and the same next steps as a "not covered"
/// answer. With multilingual cloud embeddings the question is answered instead.
/// </summary>
public static class OtherLanguageReplies
{
    public static string For(string language, string contact) => language switch
    {
        QuestionLanguage.German =>
            "Diese Installation beantwortet Fragen auf Englisch: Ihr Suchmodell versteht nur englische Texte, deshalb kann ich Ihre Frage nicht verlässlich beantworten. " +
            $"Nächster Schritt: Stellen Sie die Frage bitte auf Englisch, reichen Sie sie als Idee ein (die Schaltfläche unten oder **new idea**) oder fragen Sie {contact}.",
        QuestionLanguage.French =>
            "Cette installation répond aux questions en anglais : son modèle de recherche ne lit que des textes anglais, je ne peux donc pas répondre de façon fiable à votre question. " +
            $"Prochaine étape : posez votre question en anglais, soumettez-la comme idée (le bouton ci-dessous ou **new idea**) ou demandez à {contact}.",
        _ =>
            "This setup answers questions in English: its search model reads English text only, so I can't answer your question reliably. " +
            $"Next step: ask it in English, submit it as an idea (the button below, or type **new idea**), or ask {contact}.",
    };
}
