using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AdoptionBot.Storage.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InitialStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "answer_feedback",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AnswerId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Reaction = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    UserHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_answer_feedback", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "channel_links",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ChannelId = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TeamId = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    TeamGroupId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    TeamName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ChannelName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ServiceUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    BotId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BusinessUnit = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LinkedByObjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LinkedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LinkedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    DeactivatedReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DeactivatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_channel_links", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idea_forms",
                columns: table => new
                {
                    FormId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    IssuedToObjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    IssuedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idea_forms", x => x.FormId);
                });

            migrationBuilder.CreateTable(
                name: "ideas",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FormId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Problem = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Solution = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    BusinessUnit = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Benefit = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DataClassification = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PersonalData = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SubmitterObjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    SubmitterName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SubmitterChannelId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ideas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "leases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    DedupKey = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ConversationId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    UserChannelId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ChannelLinkId = table.Column<int>(type: "integer", nullable: true),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ServiceUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    BotId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ActivityJson = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LeaseOwner = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LeaseUntilUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "personal_conversations",
                columns: table => new
                {
                    UserObjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserChannelId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ConversationId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    TenantId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ServiceUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    BotId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_personal_conversations", x => x.UserObjectId);
                });

            migrationBuilder.CreateTable(
                name: "questions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AnswerId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ConversationId = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ConversationType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    AskerHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    BusinessUnit = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Question = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Sources = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    TopRelevance = table.Column<double>(type: "double precision", nullable: false),
                    LatencyMs = table.Column<int>(type: "integer", nullable: false),
                    AskedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_questions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idea_status_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IdeaId = table.Column<int>(type: "integer", nullable: false),
                    FromStatus = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    ToStatus = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ChangedByObjectId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ChangedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ChangedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idea_status_changes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_idea_status_changes_ideas_IdeaId",
                        column: x => x.IdeaId,
                        principalTable: "ideas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_answer_feedback_AnswerId",
                table: "answer_feedback",
                column: "AnswerId");

            migrationBuilder.CreateIndex(
                name: "IX_channel_links_BusinessUnit_IsActive",
                table: "channel_links",
                columns: new[] { "BusinessUnit", "IsActive" });

            migrationBuilder.CreateIndex(
                name: "IX_channel_links_ChannelId",
                table: "channel_links",
                column: "ChannelId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_idea_status_changes_ChangedAtUtc",
                table: "idea_status_changes",
                column: "ChangedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_idea_status_changes_IdeaId",
                table: "idea_status_changes",
                column: "IdeaId");

            migrationBuilder.CreateIndex(
                name: "IX_ideas_FormId",
                table: "ideas",
                column: "FormId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ideas_Status",
                table: "ideas",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_ideas_SubmitterObjectId",
                table: "ideas",
                column: "SubmitterObjectId");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_DedupKey",
                table: "outbox",
                column: "DedupKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_outbox_Status_NextAttemptAtUtc",
                table: "outbox",
                columns: new[] { "Status", "NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_questions_AnswerId",
                table: "questions",
                column: "AnswerId");

            migrationBuilder.CreateIndex(
                name: "IX_questions_AskedAtUtc",
                table: "questions",
                column: "AskedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_questions_BusinessUnit_AskedAtUtc",
                table: "questions",
                columns: new[] { "BusinessUnit", "AskedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "answer_feedback");

            migrationBuilder.DropTable(
                name: "channel_links");

            migrationBuilder.DropTable(
                name: "idea_forms");

            migrationBuilder.DropTable(
                name: "idea_status_changes");

            migrationBuilder.DropTable(
                name: "leases");

            migrationBuilder.DropTable(
                name: "outbox");

            migrationBuilder.DropTable(
                name: "personal_conversations");

            migrationBuilder.DropTable(
                name: "questions");

            migrationBuilder.DropTable(
                name: "ideas");
        }
    }
}
