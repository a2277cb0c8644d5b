using AdoptionBot.Questions.FollowUps;
using AdoptionBot.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AdoptionBot.Questions;

public static class QuestionsServiceCollectionExtensions
{
    public static IServiceCollection AddQuestions(this IServiceCollection services)
    {
        services.AddOptions<QuestionsOptions>()
            .BindConfiguration(QuestionsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ExtractiveAnswerComposer>();
        // AddAI replaces the composer with the language model's when AI:Provider is set.
        services.TryAddSingleton<IAnswerComposer>(sp => sp.GetRequiredService<ExtractiveAnswerComposer>());
        services.AddSingleton<QuestionAnswerer>();
        services.AddSingleton<AskerBusinessUnit>();
        services.AddSingleton<IQuestionHistory, EfQuestionHistory>();
        services.AddSingleton<FollowUpContext>();
        services.AddSingleton<QuestionRateLimit>();
        services.AddSingleton<QuestionHandler>();
        services.AddBotMetrics();
        services.AddSingleton<FeedbackHandler>();
        services.AddSingleton<IQuestionLog, EfQuestionLog>();
        services.AddHostedService<QuestionRetention>();
        return services;
    }
}
