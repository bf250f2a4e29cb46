package com.intelia.expert.db;

import java.util.List;
import java.util.UUID;

/**
 * What the demo data writes and reads directly (core/DemoData; ratings, invitations and profiles go through the
 * services the API uses): generated rows of {@code conversations}, which the statistics trigger counts like any
 * save, and an orphan's e-mail claim in {@code user_email_claims}. Each statement runs on its own. Implemented over
 * Jdbi by {@link JdbiDemoDataStore}; see {@link DemoDataDao} for the rows generated.
 */
public interface DemoDataStore {

    /**
     * 15 to 44 one-turn chats a day for {@code days} days back from today, their users, questions and languages
     * taken from the arrays; the same arguments give the same rows.
     *
     * @return the conversations written
     */
    int insertConversations(UUID[] users, String[] questions, String[] languages, int days);

    /**
     * Twelve conversations of {@code orphan}, a user_id without profile, one every two days back from now, and the
     * claim that it signed in as {@code email} (each written on its own).
     *
     * @return the conversations written
     */
    int insertOrphan(UUID orphan, String email);

    /** Every conversation of users other than {@code orphan}, in id order: its id and its user. */
    List<DemoDataDao.Rateable> rateable(UUID orphan);
}
