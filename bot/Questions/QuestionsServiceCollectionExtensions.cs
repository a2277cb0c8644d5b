namespace AdoptionBot.Questions;

public static class QuestionsServiceCollectionExtensions
{
    public static IServiceCollection AddQuestions(this IServiceCollection services)
    {
        services.AddOptions<QuestionsOptions>()
            .BindConfiguration(QuestionsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IAnswerComposer, ExtractiveAnswerComposer>();
        services.AddSingleton<QuestionAnswerer>();
        services.AddSingleton<AskerBusinessUnit>();
        services.AddSingleton<QuestionHandler>();
        services.AddSingleton<FeedbackHandler>();
        services.AddSingleton<IQuestionLog, EfQuestionLog>();
        return services;
    }
}
