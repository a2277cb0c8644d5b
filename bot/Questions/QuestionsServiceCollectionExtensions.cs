using AdoptionBot.Core;
using AdoptionBot.Questions.FollowUps;
using AdoptionBot.Storage;
using AdoptionBot.Telemetry;
using Microsoft.Extensions.Options;

namespace AdoptionBot.Questions;

public static class QuestionsServiceCollectionExtensions
{
    public static IServiceCollection AddQuestions(this IServiceCollection services)
    {
        services.AddOptions<QuestionsOptions>()
            .BindConfiguration(QuestionsOptions.SectionName)
            .PostConfigure<IOptions<StoreOptions>, IOptions<DataFolderOptions>>((options, store, folder) =>
            {
                // The embedded default makes its own key once; several instances on PostgreSQL must share a configured one.
                if (string.IsNullOrWhiteSpace(options.AskerHashKey) && store.Value.Provider == StoreProvider.Sqlite)
                {
                    options.AskerHashKey = AskerHash.LoadOrCreateKey(folder.Value.ResolvedDataPath);
                }
            })
            .ValidateDataAnnotations()
            .Validate<IConfiguration>(
                (_, configuration) => configuration[QuestionsOptions.FormerUnknownWordsSetting] is null,
                $"{QuestionsOptions.FormerUnknownWordsSetting} is no longer read: the evidence model weighs words the knowledge base never uses. Remove it; {QuestionsOptions.SectionName}:{nameof(QuestionsOptions.MinAnswerConfidence)} is the one threshold to adjust.")
            .ValidateOnStart();
        services.AddSingleton<AskerHash>();
        services.AddSingleton<ExtractiveAnswerComposer>();
        // The one decision: a configured replacement (the language model's, from AddAI), else the extractive composer.
        services.AddSingleton<IAnswerComposer>(sp => sp.ReplacedOr<IAnswerComposer>(p => p.GetRequiredService<ExtractiveAnswerComposer>()));
        services.AddSingleton<IQueryRewriter>(sp => sp.ReplacedOr<IQueryRewriter>(_ => NoQueryRewriter.Instance));
        services.AddSingleton<QuestionAnswerer>();
        services.AddSingleton<AnswerLinks>();
        services.AddSingleton<IQuestionHistory, EfQuestionHistory>();
        services.AddSingleton<FollowUpContext>();
        services.AddSingleton<QuestionHandler>();
        services.AddSingleton<IQuestionHandler>(sp => sp.GetRequiredService<QuestionHandler>());
        services.AddSingleton<GapLabels>();
        services.AddSingleton<QuestionStatistics>();
        services.AddBotMetrics();
        services.AddSingleton<FeedbackHandler>();
        services.AddSingleton<IInvokeHandler>(sp => sp.GetRequiredService<FeedbackHandler>());
        services.AddSingleton<IQuestionLog, EfQuestionLog>();
        services.AddRetentionRule<QuestionRetention>();
        return services;
    }
}
